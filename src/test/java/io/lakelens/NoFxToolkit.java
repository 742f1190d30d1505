package io.lakelens;

import javafx.application.Platform;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.junit.jupiter.api.Assertions.fail;

/** Fails a {@link ViewModelTest} class when the JavaFX toolkit is running before it starts or after any of its tests. */
public final class NoFxToolkit implements BeforeAllCallback, AfterEachCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        if (toolkitRunning()) {
            fail(context.getDisplayName() + " is a ViewModel test but the JavaFX toolkit already runs in this JVM; "
                    + "run it in the '" + ViewModelTest.TAG + "' Surefire execution (its own JVM), not beside UI tests.");
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (toolkitRunning()) {
            fail(context.getDisplayName() + " started the JavaFX toolkit; a ViewModel must work without it.");
        }
    }

    /** {@code Platform.runLater} refuses work until the toolkit has started; it is the public way to ask. */
    static boolean toolkitRunning() {
        try {
            Platform.runLater(() -> { });
            return true;
        } catch (IllegalStateException notStarted) {
            return false;
        }
    }
}
