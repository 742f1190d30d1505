package io.lakelens.ui;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The maintenance engine stays free of the UI, and the two tabs' ViewModels free of controls. */
class MaintenanceLayersTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.lakelens.lake", "io.lakelens.ui.compaction", "io.lakelens.ui.performance");

    @Test
    void lakeEngineDoesNotUseJavaFx() {
        noClasses().that().resideInAPackage("io.lakelens.lake..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .check(CLASSES);
    }

    @Test
    void viewModelsDoNotTouchControls() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .or().haveSimpleName("PropertyRow").or().haveSimpleName("PerformanceSampler").or().haveSimpleName("LoadGenerator")
                .should().dependOnClassesThat().resideInAPackage("javafx.scene..")
                .check(CLASSES);
    }
}
