package dev.kuvert.support;

import java.nio.file.Path;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Wires the shared plumbing into every Kuvert service. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(ProblemResponses.class)
public class KuvertSupportAutoConfiguration {

    @Bean
    PlatformSecret platformSecret(
            @Value("${KUVERT_SECRET:}") String configured, @Value("${KUVERT_DATA_DIR:./data}") String dataDir) {
        return PlatformSecret.resolve(configured, Path.of(dataDir).toAbsolutePath());
    }

    @Bean
    ServiceClients serviceClients(PlatformSecret secret) {
        return new ServiceClients(secret);
    }

    /** {@code kuvert.api-behind-gateway=true} in services whose /api/** only the gateway may call. */
    @Bean
    FilterRegistrationBean<ServiceCredentialFilter> serviceCredentialFilter(
            PlatformSecret secret, @Value("${kuvert.api-behind-gateway:false}") boolean apiBehindGateway) {
        var registration = new FilterRegistrationBean<>(new ServiceCredentialFilter(secret, apiBehindGateway));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** The caller comes from the gateway's headers, not from the request: not a parameter to document. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springdoc.core.utils.SpringDocUtils")
    static class OpenApiDocuments {
        static {
            SpringDocUtils.getConfig().addRequestWrapperToIgnore(ApiCaller.class);
        }
    }

    @Bean
    WebMvcConfigurer apiCallerResolver() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new ApiCallerArgumentResolver());
            }
        };
    }
}
