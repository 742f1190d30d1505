package io.lakelens;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test of ViewModels (or the executor they use) that must run with no JavaFX toolkit: the
 * first tier of the UI tests. Surefire runs these classes in their own JVM (the {@value #TAG}
 * execution in pom.xml), {@link FxToolkitFirst} leaves the toolkit unstarted for them, and
 * {@link NoFxToolkit} fails the class if the toolkit is running before or after any test: a
 * ViewModel that starts it, or posts to it ({@code Platform.runLater} throws without one), fails.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(ViewModelTest.TAG)
@ExtendWith(NoFxToolkit.class)
public @interface ViewModelTest {
    String TAG = "viewmodel";
}
