package io.lakelens.arch;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.lakelens.data.Tables;
import io.lakelens.ui.Launcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The layering the code relies on: engines know nothing of JavaFX, ViewModels nothing of controls. */
class LayeringTest {
    private static final DescribedPredicate<JavaClass> TABLE_NAMES =
            JavaClass.Predicates.belongToAnyOf(Tables.class).as("io.lakelens.data.Tables");
    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.lakelens");
    }

    @Test
    void topLevelPackagesHaveNoCycles() {
        // One known exception: the lake reads table names and default keys from data.Tables
        // (pure constants) while the generator in data writes through the lake. Only that class
        // is exempt; any other dependency from the lake into data is a cycle and fails here.
        slices().matching("io.lakelens.(*)..").should().beFreeOfCycles()
                .ignoreDependency(resideInAPackage("io.lakelens.lake.."), TABLE_NAMES)
                .because("each part of the product builds on the ones below it, never back up")
                .check(classes);
    }

    @Test
    void uiPackagesHaveNoCycles() {
        slices().matching("io.lakelens.ui.(*)..").should().beFreeOfCycles()
                .because("the kit is the floor of every tab and the window; the tab list lives beside the Launcher")
                .check(classes);
    }

    @Test
    void viewModelsDoNotDependOnJavaFxScene() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAPackage("javafx.scene..")
                .because("a ViewModel holds properties and commands; only its View touches nodes")
                .check(classes);
    }

    @Test
    void enginePackagesDoNotDependOnJavaFx() {
        noClasses().that().resideInAnyPackage("io.lakelens.lake..", "io.lakelens.cache..", "io.lakelens.search..",
                        "io.lakelens.analytics..", "io.lakelens.data..", "io.lakelens.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "atlantafx..", "org.controlsfx..",
                        "org.kordamp.ikonli..", "org.testfx..")
                .because("engines and the CLI run without a toolkit")
                .check(classes);
    }

    @Test
    void enginePackagesDoNotDependOnTheUi() {
        noClasses().that().resideInAnyPackage("io.lakelens.lake..", "io.lakelens.cache..", "io.lakelens.search..",
                        "io.lakelens.analytics..", "io.lakelens.data..")
                .should().dependOnClassesThat().resideInAPackage("io.lakelens.ui..")
                .check(classes);
    }

    @Test
    void theCliReachesTheUiOnlyThroughTheLauncher() {
        noClasses().that().resideInAPackage("io.lakelens.cli..")
                .should().dependOnClassesThat(resideInAPackage("io.lakelens.ui..").and(not(equivalentTo(Launcher.class))))
                .because("io.lakelens.ui.Launcher is the one door from the command line into the window")
                .check(classes);
    }

    @Test
    void theLauncherSignaturesCarryNoJavaFxTypes() {
        List<String> leaks = new ArrayList<>();
        for (Method m : Launcher.class.getDeclaredMethods()) {
            if (!Modifier.isPublic(m.getModifiers())) {
                continue;
            }
            List<Class<?>> types = new ArrayList<>(List.of(m.getParameterTypes()));
            types.add(m.getReturnType());
            for (Class<?> t : types) {
                if (t.getName().startsWith("javafx.") || t.getName().startsWith("io.lakelens.ui.")) {
                    leaks.add(m.getName() + " uses " + t.getName());
                }
            }
        }
        assertEquals(List.of(), leaks);
    }
}
