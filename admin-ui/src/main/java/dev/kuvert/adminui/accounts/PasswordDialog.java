package dev.kuvert.adminui.accounts;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.PasswordField;
import dev.kuvert.contracts.directory.Account;
import java.util.function.BiConsumer;

/** Asks for an account's new password; the dialog stays open when the gateway refuses it. */
class PasswordDialog extends Dialog {
    private final PasswordField password = new PasswordField("New password");

    PasswordDialog(Account account, BiConsumer<Account, String> change) {
        setId("reset-password-dialog");
        setHeaderTitle("New password for " + account.address());
        password.setId("new-password");
        password.setWidthFull();
        password.setRequiredIndicatorVisible(true);
        password.setManualValidation(true);
        add(password);

        var save = new Button("Set password", click -> {
            if (password.getValue().isEmpty()) {
                password.setErrorMessage("Enter the new password");
                password.setInvalid(true);
                return;
            }
            change.accept(account, password.getValue());
            close();
        });
        save.setId("save-password");
        save.addThemeVariants(ButtonVariant.PRIMARY);
        save.addClickShortcut(Key.ENTER).listenOn(password);
        var cancel = new Button("Cancel", click -> close());
        cancel.setId("cancel-password");
        getFooter().add(cancel, save);
        addOpenedChangeListener(opened -> {
            if (opened.isOpened()) {
                password.focus();
            }
        });
    }
}
