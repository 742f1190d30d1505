package io.lakelens.ui.shell;

import io.lakelens.ViewModelTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ViewModelTest
@Timeout(30)
class PreferencesViewModelTest {

    @Test
    void aSavedPageSizeThemeAndHeapComeBackFromTheFileAndApplyAtOnce(@TempDir Path home) throws Exception {
        Path file = home.resolve("workbench.properties");
        List<Themes> shown = new ArrayList<>();
        AtomicInteger page = new AtomicInteger();
        AtomicLong cache = new AtomicLong(Long.MIN_VALUE);
        PreferencesViewModel m = new PreferencesViewModel(WorkbenchSettings.load(file), shown::add, page::set, cache::set);
        m.pageSizeProperty().set(50);
        m.themeProperty().set(ThemeChoice.DARK);
        m.heapProperty().set("6g");
        m.cacheMbProperty().set("256");
        m.embeddedRedisProperty().set(false);
        m.redisUrlProperty().set("redis://127.0.0.1:6390");
        assertTrue(m.save(), m.errorProperty().get());
        assertEquals(List.of(Themes.DARK), shown);
        assertEquals(50, page.get());
        assertEquals(256, cache.get());
        assertTrue(m.messageProperty().get().contains("next start"), m.messageProperty().get());

        WorkbenchSettings again = WorkbenchSettings.load(file);
        assertEquals(50, again.pageSizeOr(20));
        assertEquals(ThemeChoice.DARK, again.themeChoice());
        assertEquals(Themes.DARK, again.startTheme());
        assertEquals(Optional.of("6g"), again.heap());
        assertEquals(Optional.of("redis://127.0.0.1:6390"), again.redisUrl());
        assertTrue(Files.readAllLines(file).contains(WorkbenchSettings.HEAP_KEY + "=6g"), "the line the launcher reads");

        PreferencesViewModel reopened = new PreferencesViewModel(again, t -> { }, n -> { }, n -> { });
        assertEquals(50, reopened.pageSizeProperty().get());
        assertEquals(ThemeChoice.DARK, reopened.themeProperty().get());
        assertFalse(reopened.embeddedRedisProperty().get());
    }

    @Test
    void aRefusedFieldSavesNothingAndSaysWhy(@TempDir Path home) {
        Path file = home.resolve("workbench.properties");
        AtomicInteger page = new AtomicInteger();
        PreferencesViewModel m = new PreferencesViewModel(WorkbenchSettings.load(file), t -> { }, page::set, n -> { });
        m.heapProperty().set("lots");
        assertFalse(m.save());
        assertEquals("'lots' is not a heap size; write it like 4g or 4096m.", m.errorProperty().get());
        m.heapProperty().set("");
        m.sparkMasterProperty().set("yarn");
        assertFalse(m.save());
        assertFalse(m.errorProperty().get().isEmpty());
        assertFalse(Files.exists(file), "nothing written");
        assertEquals(0, page.get(), "nothing applied");
    }

    @Test
    void savedRedisAndMasterApplyAtStartOnlyWhereTheCommandLineLeftTheDefaults(@TempDir Path home) {
        WorkbenchSettings s = WorkbenchSettings.load(home.resolve("w.properties"));
        s.redisUrl(Optional.of("redis://127.0.0.1:6390"));
        s.sparkMaster(Optional.of("local[2]"));
        io.lakelens.Config defaults = io.lakelens.TestLakes.config(home).withSparkMaster("local[*]").withRedis(Optional.empty(), false);
        io.lakelens.Config applied = WorkbenchApp.withPreferences(defaults, s);
        assertEquals("local[2]", applied.sparkMaster());
        assertEquals(Optional.of("redis://127.0.0.1:6390"), applied.redisUrl());
        io.lakelens.Config explicit = defaults.withSparkMaster("local[1]").withRedis(Optional.empty(), true);
        assertEquals(explicit, WorkbenchApp.withPreferences(explicit, s), "--no-redis and an explicit master win");
    }
}
