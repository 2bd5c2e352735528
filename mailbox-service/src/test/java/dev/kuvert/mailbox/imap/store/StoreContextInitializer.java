package dev.kuvert.mailbox.imap.store;

import dev.kuvert.mailbox.MailboxDatabase;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The database settings of the mapper contract ITs, as one initializer class: the ITs name the same
 * initializer, so Spring's test context cache gives them all one context (a {@code @DynamicPropertySource}
 * per class would start one context per class).
 */
final class StoreContextInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Map<String, Object> properties = new LinkedHashMap<>();
        MailboxDatabase.register((name, value) -> properties.put(name, value.get()), "kuvert_mailbox_it");
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("kuvert-store-contracts", properties));
    }
}
