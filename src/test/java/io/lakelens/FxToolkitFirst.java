package io.lakelens;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxToolkit;

/**
 * Starts the JavaFX toolkit through TestFX before any test class runs, registered for every
 * test by {@code junit-platform.properties}. A toolkit started by the product's own
 * {@code Platform.startup} (screenshots, views built off-screen) leaves TestFX's robot unable to
 * deliver clicks and keys to the windows later robot tests open; started by TestFX first, both
 * share one toolkit and the product's start sees it running. Classes marked {@link ViewModelTest}
 * are left without a toolkit: they prove their ViewModels need none.
 */
public final class FxToolkitFirst implements BeforeAllCallback {
    private static volatile boolean started;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (context.getTags().contains(ViewModelTest.TAG)) {
            return;
        }
        if (!started) {
            synchronized (FxToolkitFirst.class) {
                if (!started) {
                    FxToolkit.registerPrimaryStage();
                    started = true;
                }
            }
        }
    }
}
