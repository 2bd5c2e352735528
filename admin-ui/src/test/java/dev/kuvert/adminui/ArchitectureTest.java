package dev.kuvert.adminui;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The portal's shape: feature packages without cycles, and the platform reached only through the gateway's REST API. */
class ArchitectureTest {
    private static final JavaClasses PORTAL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.kuvert.adminui");

    @Test
    void featurePackagesDoNotDependOnEachOtherInCycles() {
        slices().matching("dev.kuvert.adminui.(*)..").should().beFreeOfCycles().check(PORTAL);
    }

    @Test
    void thePortalNeverTouchesADatabase() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "javax.sql..", "jakarta.persistence..", "org.springframework.jdbc..",
                        "org.springframework.data..", "org.flywaydb..")
                .check(PORTAL);
    }

    @Test
    void onlyTheGatewayPackageBuildsHttpClients() {
        noClasses().that().resideOutsideOfPackage("dev.kuvert.adminui.gateway..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web.client..", "java.net.http..")
                .check(PORTAL);
    }

    @Test
    void configurationAndNoticesDependOnNoFeature() {
        noClasses().that().resideInAPackage("dev.kuvert.adminui.system..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.kuvert.adminui.login..", "dev.kuvert.adminui.domains..", "dev.kuvert.adminui.accounts..",
                        "dev.kuvert.adminui.gateway..")
                .check(PORTAL);
    }
}
