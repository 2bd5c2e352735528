package dev.kuvert.smtp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class SmtpServiceApplication {
    public static void main(String[] args) {
        // the hand-off's keep-alive cache (HttpURLConnection) keeps only 5 idle connections per destination by
        // default; every busy SMTP session has a hand-off of its own, and the rest would reconnect each time
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", "256");
        }
        SpringApplication.run(SmtpServiceApplication.class, args);
    }
}
