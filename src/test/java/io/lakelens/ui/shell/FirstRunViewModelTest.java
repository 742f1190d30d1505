package io.lakelens.ui.shell;

import io.lakelens.AppContext;
import io.lakelens.TestLakes;
import io.lakelens.ViewModelTest;
import io.lakelens.data.DatasetSize;
import io.lakelens.data.LakeGenerator;
import io.lakelens.data.Tables;
import io.lakelens.ui.kit.CurrentThreadTaskExecutor;
import io.lakelens.ui.kit.Notifier;
import io.lakelens.ui.kit.UiServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ViewModelTest
@Timeout(300)
class FirstRunViewModelTest {

    @Test
    void cancellingGenerationStopsAtACommittedVersionWithoutAnError(@TempDir Path lake) {
        try (AppContext context = new AppContext(TestLakes.config(lake))) {
            UiServices services = UiServices.forTests(context, context.search());
            FirstRunViewModel model = new FirstRunViewModel(new LakeGenerator(context.engine()), false, services.tasks(),
                    services.notifier(), services.status(), () -> services.lake().refresh());
            model.sizeProperty().set(DatasetSize.TINY);
            // The analyst presses Cancel once the first daily load is under way.
            model.stepProperty().addListener((o, a, b) -> {
                if (b != null && b.contains("EOD load")) {
                    model.cancel();
                }
            });

            model.generate();

            assertFalse(model.runningProperty().get());
            assertTrue(model.stepProperty().get().startsWith("Cancelled"), model.stepProperty().get());
            assertEquals("", model.errorProperty().get());
            assertTrue(services.notifier().notices().stream().noneMatch(n -> n.level() == Notifier.Level.ERROR),
                    services.notifier().notices().toString());
            assertTrue(((CurrentThreadTaskExecutor) services.tasks()).failures().isEmpty());
            long version = context.engine().latestVersion(Tables.MarketData.NAME);
            assertTrue(version >= 0 && version < 10, "stopped early, at a committed version: v" + version);
        }
    }
}
