package io.lakelens.arch;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.lakelens.AppContext;
import io.lakelens.Config;
import io.lakelens.ViewModelTest;
import io.lakelens.cache.Cache;
import io.lakelens.data.Tables;
import io.lakelens.lake.LakeEngine;
import io.lakelens.search.SearchService;
import io.lakelens.ui.Launcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The layering the code relies on, from the bottom: the engines ({@code lake}, {@code cache},
 * {@code search}, {@code analytics}, {@code data}); then {@code reliability} (checks of the
 * engine) and {@code cluster} (which runs them on a standalone cluster); then the front ends
 * ({@code cli}, {@code ui}, and {@code api} once it exists). Inside the UI, {@code ui.kit} is
 * the floor of every tab and of the window; tabs and window do not know each other.
 */
@Timeout(300)
class LayeringTest {
    private static final String[] ENGINES = {"io.lakelens.lake..", "io.lakelens.cache..", "io.lakelens.search..",
            "io.lakelens.analytics..", "io.lakelens.data.."};
    private static final DescribedPredicate<JavaClass> TABLE_NAMES =
            JavaClass.Predicates.belongToAnyOf(Tables.class).as("io.lakelens.data.Tables");
    /** What an engine service is built over: a class constructed with one of these is a service. */
    private static final Set<String> ENGINE_ROOTS = Set.of(LakeEngine.class.getName(), Cache.class.getName(),
            SearchService.class.getName(), AppContext.class.getName(), Config.class.getName());
    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.lakelens");
    }

    // ---- cycles -------------------------------------------------------------------------------

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
    void uiPackagesOtherThanTheKitDoNotDependOnEachOther() {
        slices().matching("io.lakelens.ui.(*)..").should().notDependOnEachOther()
                .ignoreDependency(JavaClass.Predicates.resideInAPackage("io.lakelens.ui.."), resideInAPackage("io.lakelens.ui.kit.."))
                .because("a tab (or the window) shares only what is in ui.kit; the tab list in io.lakelens.ui names the tabs")
                .check(classes);
    }

    // ---- engines ------------------------------------------------------------------------------

    @Test
    void enginePackagesDoNotDependOnJavaFx() {
        noClasses().that().resideInAnyPackage(ENGINES).or().resideInAnyPackage("io.lakelens.cli..",
                        "io.lakelens.reliability..", "io.lakelens.cluster..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "atlantafx..", "org.controlsfx..",
                        "org.kordamp.ikonli..", "org.testfx..")
                .because("engines and the CLI run without a toolkit")
                .check(classes);
    }

    @Test
    void enginePackagesDoNotDependOnTheFrontEnds() {
        noClasses().that().resideInAnyPackage(ENGINES)
                .should().dependOnClassesThat().resideInAnyPackage("io.lakelens.ui..", "io.lakelens.cli..", "io.lakelens.api..")
                .check(classes);
    }

    @Test
    void enginePackagesDoNotDependOnReliabilityOrCluster() {
        noClasses().that().resideInAnyPackage(ENGINES)
                .should().dependOnClassesThat().resideInAnyPackage("io.lakelens.reliability..", "io.lakelens.cluster..")
                .because("reliability checks the engines and cluster runs them elsewhere; the engines know neither")
                .check(classes);
    }

    @Test
    void reliabilityIsUsedOnlyByTheClusterAndTheCli() {
        noClasses().that().resideOutsideOfPackages("io.lakelens.reliability..", "io.lakelens.cluster..", "io.lakelens.cli..")
                .should().dependOnClassesThat().resideInAPackage("io.lakelens.reliability..")
                .because("the reliability scenarios are run by `lakelens torture` and on the standalone cluster")
                .check(classes);
    }

    @Test
    void clusterIsUsedOnlyByTheCli() {
        noClasses().that().resideOutsideOfPackages("io.lakelens.cluster..", "io.lakelens.cli..")
                .should().dependOnClassesThat().resideInAPackage("io.lakelens.cluster..")
                .because("the standalone cluster is started by `lakelens cluster-demo` only")
                .check(classes);
    }

    @Test
    void theApiIsUsedOnlyByTheCliAndTheUi() {
        // Holds whether or not io.lakelens.api exists yet: the classes checked are everything else.
        noClasses().that().resideOutsideOfPackages("io.lakelens.api..", "io.lakelens.cli..", "io.lakelens.ui..")
                .should().dependOnClassesThat().resideInAPackage("io.lakelens.api..")
                .because("the API is a front end beside the CLI and the window; nothing below it calls it")
                .check(classes);
    }

    // ---- the UI -------------------------------------------------------------------------------

    @Test
    void theUiDoesNotUseSpark() {
        noClasses().that().resideInAPackage("io.lakelens.ui..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.spark..")
                .because("queries, listeners and sessions are the engine's; the UI calls engine methods")
                .check(classes);
    }

    @Test
    void viewModelsDoNotDependOnJavaFxScene() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .or().haveSimpleName("PropertyRow").or().haveSimpleName("PerformanceSampler").or().haveSimpleName("LoadGenerator")
                .should().dependOnClassesThat().resideInAPackage("javafx.scene..")
                .because("a ViewModel holds properties and commands; only its View touches nodes")
                .check(classes);
    }

    @Test
    void viewModelsDoNotTakeTheWholeUiServices() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.lakelens.ui.kit.UiServices")
                .because("a ViewModel gets the services it uses through its constructor, not the window's whole bag")
                .check(classes);
    }

    @Test
    void viewModelsDoNotBuildEngineServices() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().callConstructorWhere(builtOverTheEngine())
                .because("engine services reach a ViewModel through its constructor; its tab builds them")
                .check(classes);
    }

    private static DescribedPredicate<JavaConstructorCall> builtOverTheEngine() {
        return DescribedPredicate.describe("a constructor of an engine class taking the engine, cache, search or context",
                call -> call.getTargetOwner().getPackageName().startsWith("io.lakelens.")
                        && !call.getTargetOwner().getPackageName().startsWith("io.lakelens.ui")
                        && call.getTarget().getRawParameterTypes().stream().anyMatch(t -> ENGINE_ROOTS.contains(t.getName())));
    }

    @Test
    void viewModelTestsRunWithoutTheToolkit() {
        JavaClasses tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages("io.lakelens");
        classes().that().haveSimpleNameEndingWith("ViewModelTest").and().areNotAnnotations()
                .should().beAnnotatedWith(ViewModelTest.class)
                .because("a ViewModel test proves the ViewModel needs no toolkit only in the toolkit-free JVM")
                .check(tests);
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
