package dev.kuvert.adminui.domains;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import dev.kuvert.adminui.accounts.AccountsView;
import dev.kuvert.adminui.gateway.GatewayException;
import dev.kuvert.adminui.system.Notices;
import dev.kuvert.contracts.directory.Domain;
import dev.kuvert.contracts.directory.DomainRequest;
import dev.kuvert.contracts.directory.DomainsClient;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The mail domains, and for the selected one the DNS records to publish. */
@Route("")
@RouteAlias("domains")
@PageTitle("Domains · Kuvert")
@PermitAll
public class DomainsView extends VerticalLayout {
    private final DomainsClient domains;
    private final TextField name = new TextField("New domain");
    private final Grid<Domain> grid = new Grid<>(Domain.class, false);
    private final DnsRecordsPanel records;

    DomainsView(DomainsClient domains) {
        this.domains = domains;
        this.records = new DnsRecordsPanel(domains);
        setId("domains-view");

        name.setId("domain-name");
        name.setPlaceholder("example.com");
        name.setClearButtonVisible(true);
        name.setWidth("20em");
        name.setManualValidation(true);
        var create = new Button("Add domain", VaadinIcon.PLUS.create(), click -> create());
        create.setId("create-domain");
        create.addThemeVariants(ButtonVariant.PRIMARY);
        create.addClickShortcut(Key.ENTER).listenOn(name);
        var form = new HorizontalLayout(name, create);
        form.setAlignItems(Alignment.BASELINE);

        grid.setId("domains");
        grid.addColumn(DomainsView::label).setHeader("Domain").setKey("name").setFlexGrow(3).setSortable(true);
        grid.addComponentColumn(this::accountsLink).setHeader("Accounts").setKey("accounts").setFlexGrow(1);
        grid.addColumn(Domain::aliases).setHeader("Aliases").setKey("aliases").setFlexGrow(1);
        grid.addComponentColumn(this::deleteButton).setHeader("").setKey("actions").setFlexGrow(0).setAutoWidth(true);
        grid.addThemeVariants(GridVariant.ROW_STRIPES);
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("No domains yet. Add the first one above.");
        grid.asSingleSelect().addValueChangeListener(event -> {
            if (event.getValue() == null) {
                records.clear();
            } else {
                records.show(event.getValue());
            }
        });

        add(new H2("Domains"), form, grid, records);
        refresh();
    }

    private void create() {
        name.setInvalid(false);
        String value = name.getValue().strip();
        if (value.isEmpty()) {
            name.setErrorMessage("Enter a domain name, for example example.com");
            name.setInvalid(true);
            return;
        }
        Domain created;
        try {
            created = domains.create(new DomainRequest(value));
        } catch (GatewayException e) {
            if (e.status() == 409 || e.status() == 422 || e.status() == 400) {
                name.setErrorMessage(e.getMessage());
                name.setInvalid(true);
            }
            throw e;
        }
        name.clear();
        name.setInvalid(false);
        refresh();
        select(created.name());
        Notices.success("Added " + created.name() + ". Publish its DNS records below.");
    }

    private void confirmDelete(Domain domain, boolean inUse) {
        var dialog = new ConfirmDialog();
        dialog.setId("confirm-delete-domain");
        dialog.setHeader("Delete " + domain.name() + "?");
        dialog.setCancelable(true);
        dialog.setCancelText("Keep it");
        if (inUse) {
            dialog.setText(domain.name() + " still has " + count(domain.accounts(), "account") + " and "
                    + count(domain.aliases(), "alias") + ". Deleting it with its accounts also deletes their mailboxes"
                    + " and all their mail. This cannot be undone.");
            dialog.setConfirmText("Delete with its accounts");
            dialog.addConfirmListener(confirm -> delete(domain, true));
        } else {
            dialog.setText("Mail for " + domain.name() + " will be refused from now on. This cannot be undone.");
            dialog.setConfirmText("Delete");
            dialog.addConfirmListener(confirm -> delete(domain, false));
        }
        dialog.setConfirmButtonTheme("error primary");
        dialog.open();
    }

    private void delete(Domain domain, boolean force) {
        try {
            domains.delete(domain.name(), force);
        } catch (GatewayException e) {
            if (e.isConflict() && !force) {
                // accounts were added since the list was loaded: ask again, offering to delete them too
                refresh();
                confirmDelete(current(domain.name()).orElse(domain), true);
                return;
            }
            throw e;
        }
        refresh();
        Notices.success("Deleted " + domain.name() + ".");
    }

    private void refresh() {
        String selected = Optional.ofNullable(grid.asSingleSelect().getValue()).map(Domain::name).orElse(null);
        List<Domain> all = domains.list();
        grid.setItems(all);
        if (selected != null) {
            select(selected);
        }
    }

    private void select(String domainName) {
        current(domainName).ifPresentOrElse(grid::select, () -> grid.asSingleSelect().clear());
    }

    private Optional<Domain> current(String domainName) {
        return grid.getListDataView().getItems().filter(d -> Objects.equals(d.name(), domainName)).findFirst();
    }

    private RouterLink accountsLink(Domain domain) {
        var link = new RouterLink(String.valueOf(domain.accounts()), AccountsView.class, new RouteParameters("domain", domain.name()));
        link.getElement().setAttribute("title", "Accounts of " + domain.name());
        return link;
    }

    private Button deleteButton(Domain domain) {
        var delete = new Button(VaadinIcon.TRASH.create(), click -> confirmDelete(domain, domain.accounts() > 0 || domain.aliases() > 0));
        delete.setId("delete-domain-" + domain.name());
        delete.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.ERROR);
        delete.setAriaLabel("Delete " + domain.name());
        delete.setTooltipText("Delete " + domain.name());
        return delete;
    }

    static String label(Domain domain) {
        if (domain.displayName() == null || domain.displayName().equals(domain.name())) {
            return domain.name();
        }
        return domain.displayName() + " (" + domain.name() + ")";
    }

    static String count(long n, String noun) {
        if (n == 1) {
            return "1 " + noun;
        }
        return n + " " + (noun.endsWith("s") ? noun + "es" : noun + "s");
    }
}
