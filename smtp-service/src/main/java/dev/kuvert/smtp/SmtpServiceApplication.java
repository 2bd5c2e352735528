package dev.kuvert.smtp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class SmtpServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(SmtpServiceApplication.class, args);
    }
}
