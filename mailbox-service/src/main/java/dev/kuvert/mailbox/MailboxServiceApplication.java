package dev.kuvert.mailbox;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class MailboxServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(MailboxServiceApplication.class, args);
    }
}
