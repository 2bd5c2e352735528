package dev.kuvert.adminui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.kuvert.adminui.domains.DomainsView;
import jakarta.annotation.security.PermitAll;

/** The frame of every signed-in page: navigation on the side, the administrator and "Sign out" on top. */
@Layout
@PermitAll
public class MainLayout extends AppLayout {

    MainLayout(AuthenticationContext authentication) {
        var title = new Span("Kuvert");
        title.setId("app-title");
        title.getStyle().set("font-weight", "600").set("font-size", "var(--lumo-font-size-l)");

        var user = new Span(authentication.getPrincipalName().orElse(""));
        user.setId("signed-in-user");
        var signOut = new Button("Sign out", VaadinIcon.SIGN_OUT.create(), click -> authentication.logout());
        signOut.setId("logout");
        signOut.addThemeVariants(ButtonVariant.TERTIARY);

        var header = new HorizontalLayout(title, user, signOut);
        header.setId("header");
        header.setWidthFull();
        header.setAlignItems(Alignment.CENTER);
        header.expand(title);
        header.getStyle().set("padding-inline-end", "var(--lumo-space-m)");
        addToNavbar(new DrawerToggle(), header);

        var nav = new SideNav();
        nav.setId("side-nav");
        var domains = new SideNavItem("Domains", DomainsView.class, VaadinIcon.GLOBE.create());
        domains.setId("nav-domains");
        // a path rather than the view class: the accounts route has an optional parameter
        var accounts = new SideNavItem("Accounts", "accounts", VaadinIcon.USERS.create());
        accounts.setId("nav-accounts");
        accounts.setMatchNested(true);
        nav.addItem(domains, accounts);
        addToDrawer(nav);
    }
}
