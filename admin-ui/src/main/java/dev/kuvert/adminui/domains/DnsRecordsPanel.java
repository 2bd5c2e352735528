package dev.kuvert.adminui.domains;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.badge.BadgeVariant;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.clipboard.Clipboard;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.kuvert.adminui.system.Notices;
import dev.kuvert.contracts.directory.DnsRecord;
import dev.kuvert.contracts.directory.DnsRecordStatus;
import dev.kuvert.contracts.directory.Domain;
import dev.kuvert.contracts.directory.DomainsClient;
import java.util.Locale;

/** The DNS records one domain needs, as the directory computes them, with their live status and a copy button each. */
class DnsRecordsPanel extends VerticalLayout {
    private final DomainsClient domains;
    private final H3 title = new H3();
    private final Grid<DnsRecord> grid = new Grid<>(DnsRecord.class, false);
    private String domainName;

    DnsRecordsPanel(DomainsClient domains) {
        this.domains = domains;
        setId("dns-panel");
        setPadding(false);
        title.setId("dns-title");
        var hint = new Paragraph("Publish these records at your DNS provider so that other servers deliver mail for the"
                + " domain here and accept mail signed by it. The status shows what DNS answers now.");
        var check = new Button("Check again", VaadinIcon.REFRESH.create(), click -> reload());
        check.setId("check-dns");
        check.addThemeVariants(ButtonVariant.TERTIARY);
        var heading = new HorizontalLayout(title, check);
        heading.setAlignItems(Alignment.BASELINE);

        grid.setId("dns-records");
        grid.addColumn(DnsRecord::purpose).setHeader("Purpose").setKey("purpose").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(DnsRecord::type).setHeader("Type").setKey("type").setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(r -> selectable(r.name())).setHeader("Name").setKey("name").setFlexGrow(2);
        grid.addColumn(r -> r.priority() == null ? "" : r.priority().toString())
                .setHeader("Priority").setKey("priority").setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(this::valueCell).setHeader("Value").setKey("value").setFlexGrow(5);
        grid.addComponentColumn(DnsRecordsPanel::status).setHeader("Status").setKey("status").setWidth("9.5em").setFlexGrow(0);
        grid.addThemeVariants(GridVariant.WRAP_CELL_CONTENT, GridVariant.ROW_STRIPES);
        grid.setAllRowsVisible(true);
        grid.setSelectionMode(Grid.SelectionMode.NONE);
        grid.setEmptyStateText("The directory lists no records for this domain.");

        add(heading, hint, grid);
        setVisible(false);
    }

    void show(Domain domain) {
        domainName = domain.name();
        title.setText("DNS records for " + DomainsView.label(domain));
        setVisible(true);
        reload();
    }

    void clear() {
        domainName = null;
        grid.setItems();
        setVisible(false);
    }

    private void reload() {
        if (domainName != null) {
            grid.setItems(domains.dnsRecords(domainName));
        }
    }

    private Component valueCell(DnsRecord record) {
        String value = record.value() == null ? "" : record.value();
        var copy = new Button(VaadinIcon.COPY_O.create());
        copy.addThemeVariants(ButtonVariant.TERTIARY);
        copy.addClassName("copy-value");
        copy.setAriaLabel("Copy the " + record.purpose() + " value");
        copy.setTooltipText("Copy");
        Clipboard.onClick(copy).writeText(value,
                copied -> Notices.success("Copied the " + record.purpose() + " value."),
                failed -> Notices.error("The browser did not allow copying. Select the value and copy it by hand."));
        var cell = new HorizontalLayout(selectable(value), copy);
        cell.setAlignItems(Alignment.CENTER);
        cell.setSpacing(false);
        cell.setWidthFull();
        cell.expand(cell.getComponentAt(0));
        return cell;
    }

    private static Span selectable(String text) {
        var span = new Span(text == null ? "" : text);
        span.addClassName("dns-text");
        span.getStyle().set("user-select", "text").set("overflow-wrap", "anywhere")
                .set("font-family", "var(--lumo-font-family-monospace, monospace)");
        return span;
    }

    private static Component status(DnsRecord record) {
        DnsRecordStatus status = record.status() == null ? DnsRecordStatus.UNCHECKED : record.status();
        var badge = new Badge(switch (status) {
            case OK -> "Published";
            case MISSING -> "Missing";
            case MISMATCH -> "Different";
            case UNCHECKED -> "Not checked";
        });
        badge.addClassName("dns-status-" + status.name().toLowerCase(Locale.ROOT));
        switch (status) {
            case OK -> badge.addThemeVariants(BadgeVariant.SUCCESS);
            case MISSING -> badge.addThemeVariants(BadgeVariant.ERROR);
            case MISMATCH -> badge.addThemeVariants(BadgeVariant.WARNING);
            case UNCHECKED -> badge.addThemeVariants(BadgeVariant.CONTRAST);
        }
        if (record.detail() != null && !record.detail().isBlank()) {
            badge.getElement().setAttribute("title", record.detail());
        }
        return badge;
    }
}
