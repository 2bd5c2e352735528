package dev.kuvert.adminui.accounts;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.component.html.Anchor;
import dev.kuvert.adminui.gateway.GatewayException;
import dev.kuvert.adminui.system.Notices;
import dev.kuvert.contracts.directory.Account;
import dev.kuvert.contracts.directory.AccountPatch;
import dev.kuvert.contracts.directory.AccountRequest;
import dev.kuvert.contracts.directory.AccountsClient;
import dev.kuvert.contracts.directory.Domain;
import dev.kuvert.contracts.directory.DomainsClient;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The accounts of one domain ({@code accounts/<domain>}); without a domain, the first one's. */
@Route("accounts/:domain?")
@PageTitle("Accounts · Kuvert")
@PermitAll
public class AccountsView extends VerticalLayout implements BeforeEnterObserver {
    static final String DOMAIN_PARAMETER = "domain";

    private final DomainsClient domains;
    private final AccountsClient accounts;

    private final ComboBox<String> domainSelect = new ComboBox<>("Domain");
    private final Grid<Account> grid = new Grid<>(Account.class, false);
    private final TextField address = new TextField("Address");
    private final Span addressSuffix = new Span();
    private final TextField displayName = new TextField("Display name");
    private final PasswordField password = new PasswordField("Password");
    private final IntegerField quota = new IntegerField("Quota (MiB)");
    private final VerticalLayout content = new VerticalLayout();
    private final Paragraph noDomains = new Paragraph();
    private String domain;

    AccountsView(DomainsClient domains, AccountsClient accounts) {
        this.domains = domains;
        this.accounts = accounts;
        setId("accounts-view");

        domainSelect.setId("account-domain");
        domainSelect.setWidth("20em");
        domainSelect.addValueChangeListener(event -> {
            if (event.isFromClient() && event.getValue() != null) {
                getUI().ifPresent(ui -> ui.navigate(AccountsView.class, new RouteParameters(DOMAIN_PARAMETER, event.getValue())));
            }
        });

        grid.setId("accounts");
        grid.addColumn(Account::address).setHeader("Address").setKey("address").setFlexGrow(3).setSortable(true);
        grid.addColumn(a -> a.displayName() == null ? "" : a.displayName()).setHeader("Display name").setKey("displayName").setFlexGrow(2);
        grid.addColumn(a -> Sizes.quota(a.quotaBytes())).setHeader("Quota").setKey("quota").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(a -> Sizes.usage(a.usedBytes(), a.quotaBytes())).setHeader("Used").setKey("used").setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(this::actions).setHeader("").setKey("actions").setAutoWidth(true).setFlexGrow(0);
        grid.addThemeVariants(GridVariant.ROW_STRIPES);
        grid.setAllRowsVisible(true);
        grid.setSelectionMode(Grid.SelectionMode.NONE);
        grid.setEmptyStateText("No accounts in this domain yet.");

        content.setPadding(false);
        content.add(grid, createForm());
        noDomains.setId("no-domains");
        noDomains.setVisible(false);
        add(new H2("Accounts"), domainSelect, noDomains, content);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        List<String> names = domains.list().stream().map(Domain::name).toList();
        domainSelect.setItems(names);
        String requested = event.getRouteParameters().get(DOMAIN_PARAMETER).map(d -> d.toLowerCase(Locale.ROOT)).orElse(null);
        if (requested == null && !names.isEmpty()) {
            event.forwardTo(AccountsView.class, new RouteParameters(DOMAIN_PARAMETER, names.getFirst()));
            return;
        }
        if (requested == null || !names.contains(requested)) {
            domain = null;
            domainSelect.clear();
            content.setVisible(false);
            noDomains.setVisible(true);
            noDomains.removeAll();
            noDomains.add(new Span(requested == null ? "There are no domains yet. " : "There is no domain " + requested + ". "),
                    new Anchor("domains", "Add a domain first."));
            return;
        }
        domain = requested;
        domainSelect.setValue(domain);
        addressSuffix.setText("@" + domain);
        noDomains.setVisible(false);
        content.setVisible(true);
        refresh();
    }

    private Component createForm() {
        address.setId("account-address");
        address.setPlaceholder("anna");
        address.setSuffixComponent(addressSuffix);
        address.setHelperText("A name, or a full address");
        address.setRequiredIndicatorVisible(true);
        address.setManualValidation(true);
        displayName.setId("account-display-name");
        displayName.setPlaceholder("Anna Example");
        password.setId("account-password");
        password.setRequiredIndicatorVisible(true);
        password.setManualValidation(true);
        quota.setId("account-quota");
        quota.setMin(0);
        quota.setStepButtonsVisible(true);
        quota.setStep(256);
        quota.setPlaceholder("default");
        quota.setHelperText("Empty: the platform default");
        var create = new Button("Add account", VaadinIcon.PLUS.create(), click -> create());
        create.setId("create-account");
        create.addThemeVariants(ButtonVariant.PRIMARY);
        create.addClickShortcut(Key.ENTER).listenOn(address, displayName, password, quota);

        var form = new FormLayout(address, displayName, password, quota);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 2));
        var section = new VerticalLayout(new H3("New account"), form, create);
        section.setId("account-form");
        section.setPadding(false);
        return section;
    }

    private void create() {
        clearErrors();
        String typed = AccountInput.address(address.getValue(), domain);
        if (typed.isEmpty()) {
            invalid(address, "Enter the address's name, for example anna");
            return;
        }
        if (password.getValue().isEmpty()) {
            invalid(password, "Enter a password");
            return;
        }
        if (quota.isInvalid()) {
            invalid(quota, "Enter the quota in MiB, or leave it empty");
            return;
        }
        Account created;
        try {
            created = accounts.create(new AccountRequest(typed, password.getValue(),
                    AccountInput.displayName(displayName.getValue()), AccountInput.quotaBytes(quota.getValue())));
        } catch (GatewayException e) {
            markFields(e);
            throw e;
        }
        address.clear();
        displayName.clear();
        password.clear();
        quota.clear();
        clearErrors();
        refresh();
        Notices.success("Added " + created.address() + ".");
    }

    private void markFields(GatewayException e) {
        Map<String, HasValidation> fields = Map.of(
                "address", address, "password", password, "displayName", displayName, "quotaBytes", quota);
        for (GatewayException.FieldError error : e.fieldErrors()) {
            HasValidation field = fields.get(error.field());
            if (field != null) {
                invalid(field, error.message() == null ? e.getMessage() : error.message());
            }
        }
        if (e.isConflict()) {
            invalid(address, e.getMessage());
        }
    }

    private void clearErrors() {
        for (HasValidation field : List.<HasValidation>of(address, displayName, password, quota)) {
            field.setInvalid(false);
        }
    }

    private static void invalid(HasValidation field, String message) {
        field.setErrorMessage(message);
        field.setInvalid(true);
    }

    private void refresh() {
        if (domain != null) {
            grid.setItems(accounts.list(domain));
        }
    }

    private Component actions(Account account) {
        var newPassword = new Button("New password", VaadinIcon.KEY.create(), click -> new PasswordDialog(account, this::changePassword).open());
        newPassword.setId("reset-password-" + account.address());
        newPassword.addThemeVariants(ButtonVariant.TERTIARY);
        var delete = new Button(VaadinIcon.TRASH.create(), click -> confirmDelete(account));
        delete.setId("delete-account-" + account.address());
        delete.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.ERROR);
        delete.setAriaLabel("Delete " + account.address());
        delete.setTooltipText("Delete " + account.address());
        var actions = new HorizontalLayout(newPassword, delete);
        actions.setSpacing(false);
        return actions;
    }

    private void changePassword(Account account, String newPassword) {
        accounts.update(account.address(), new AccountPatch(newPassword, null, null, null));
        Notices.success("Set a new password for " + account.address() + ".");
    }

    private void confirmDelete(Account account) {
        var dialog = new ConfirmDialog();
        dialog.setId("confirm-delete-account");
        dialog.setHeader("Delete " + account.address() + "?");
        dialog.setText("Its mailbox and all its mail (" + Sizes.format(account.usedBytes()) + ") are deleted, and mail to the"
                + " address is refused from now on. This cannot be undone.");
        dialog.setCancelable(true);
        dialog.setCancelText("Keep it");
        dialog.setConfirmText("Delete");
        dialog.setConfirmButtonTheme("error primary");
        dialog.addConfirmListener(confirm -> {
            accounts.delete(account.address());
            refresh();
            Notices.success("Deleted " + account.address() + ".");
        });
        dialog.open();
    }
}
