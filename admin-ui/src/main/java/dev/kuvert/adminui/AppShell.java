package dev.kuvert.adminui;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.theme.lumo.Lumo;

/**
 * The page around every view. Lumo comes as a plain stylesheet from the Lumo jar: Vaadin 25 applies
 * no theme by default, and {@code @Theme}/{@code @CssImport} would force a frontend (Node) build.
 */
@StyleSheet(Lumo.STYLESHEET)
public class AppShell implements AppShellConfigurator {}
