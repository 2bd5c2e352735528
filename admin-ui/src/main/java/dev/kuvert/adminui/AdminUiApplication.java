package dev.kuvert.adminui;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The administrator portal: Vaadin views on top of the gateway's REST API, never a database. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AdminUiApplication {
    public static void main(String[] args) {
        SpringApplication.run(AdminUiApplication.class, args);
    }
}
