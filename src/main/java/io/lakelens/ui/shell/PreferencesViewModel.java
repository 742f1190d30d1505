package io.lakelens.ui.shell;

import io.lakelens.Config;
import io.lakelens.LakeLensException;
import io.lakelens.search.SearchRequest;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

/**
 * The preferences: Redis (embedded or a URL), Spark master and heap, which apply at the next
 * start, and theme, page size and decoded-column cache size, which apply at once. Kept in the
 * workbench settings; the launcher reads the heap from there.
 */
public final class PreferencesViewModel {
    private static final Pattern HEAP = Pattern.compile("\\d{1,6}[mMgG]");
    /** Page sizes offered: the search pager's. */
    public static final List<Integer> PAGE_SIZES = SearchRequest.PAGE_SIZES;

    private final WorkbenchSettings settings;
    private final Consumer<Themes> applyTheme;
    private final IntConsumer applyPageSize;
    private final LongConsumer applyCacheMb;

    private final BooleanProperty embeddedRedis = new SimpleBooleanProperty(true);
    private final StringProperty redisUrl = new SimpleStringProperty("");
    private final StringProperty sparkMaster = new SimpleStringProperty("");
    private final StringProperty heap = new SimpleStringProperty("");
    private final ObjectProperty<ThemeChoice> theme = new SimpleObjectProperty<>(ThemeChoice.LIGHT);
    private final ObjectProperty<Integer> pageSize = new SimpleObjectProperty<>(20);
    private final StringProperty cacheMb = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    /**
     * @param applyTheme    shows a theme now
     * @param applyPageSize sets the grids' page size now
     * @param applyCacheMb  bounds the decoded-column cache now (MiB; negative for the default)
     */
    public PreferencesViewModel(WorkbenchSettings settings, Consumer<Themes> applyTheme, IntConsumer applyPageSize,
                                LongConsumer applyCacheMb) {
        this.settings = settings;
        this.applyTheme = applyTheme;
        this.applyPageSize = applyPageSize;
        this.applyCacheMb = applyCacheMb;
        load();
    }

    /** Reads the saved preferences into the fields. */
    public void load() {
        embeddedRedis.set(settings.redisUrl().isEmpty());
        redisUrl.set(settings.redisUrl().orElse(""));
        sparkMaster.set(settings.sparkMaster().orElse(""));
        heap.set(settings.heap().orElse(""));
        theme.set(settings.themeChoice());
        pageSize.set(settings.pageSizeOr(20));
        cacheMb.set(settings.decodedCacheMb().map(String::valueOf).orElse(""));
        error.set("");
        message.set("");
    }

    public BooleanProperty embeddedRedisProperty() {
        return embeddedRedis;
    }

    public StringProperty redisUrlProperty() {
        return redisUrl;
    }

    /** Empty for the default ({@code local[*]} or the environment's). */
    public StringProperty sparkMasterProperty() {
        return sparkMaster;
    }

    /** Heap for the next start, e.g. {@code 4g}; empty for the automatic size. */
    public StringProperty heapProperty() {
        return heap;
    }

    public ObjectProperty<ThemeChoice> themeProperty() {
        return theme;
    }

    public ObjectProperty<Integer> pageSizeProperty() {
        return pageSize;
    }

    /** Decoded-column cache bound in MiB; empty for the default. */
    public StringProperty cacheMbProperty() {
        return cacheMb;
    }

    /** Why the preferences cannot be saved, in one line; empty when they were. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** What saving did: what applied now and what applies at the next start. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Checks, saves, and applies what can apply now; false (with the reason) when a field is refused. */
    public boolean save() {
        Optional<String> url;
        Optional<String> master;
        Optional<String> heapText;
        Optional<Long> mb;
        try {
            url = embeddedRedis.get() ? Optional.empty() : Optional.of(checkRedis(redisUrl.get()));
            master = blank(sparkMaster.get()) ? Optional.empty() : Optional.of(Config.checkMaster(sparkMaster.get()));
            heapText = blank(heap.get()) ? Optional.empty() : Optional.of(checkHeap(heap.get()));
            mb = blank(cacheMb.get()) ? Optional.empty() : Optional.of(checkCache(cacheMb.get()));
            if (pageSize.get() == null || !PAGE_SIZES.contains(pageSize.get())) {
                throw new LakeLensException("Choose a page size of " + PAGE_SIZES + ".");
            }
        } catch (LakeLensException e) {
            error.set(e.getMessage());
            message.set("");
            return false;
        }
        boolean restartNeeded = !url.equals(settings.redisUrl()) || !master.equals(settings.sparkMaster())
                || !heapText.equals(settings.heap());
        settings.redisUrl(url);
        settings.sparkMaster(master);
        settings.heap(heapText);
        settings.pageSize(pageSize.get());
        settings.decodedCacheMb(mb);
        ThemeChoice choice = theme.get() == null ? ThemeChoice.LIGHT : theme.get();
        applyTheme.accept(choice.theme()); // may record light or dark as the choice; the choice itself is kept below
        settings.themeChoice(choice);
        settings.save();
        applyPageSize.accept(pageSize.get());
        applyCacheMb.accept(mb.orElse(-1L));
        error.set("");
        message.set("Saved. Theme, page size and cache size apply now"
                + (restartNeeded ? "; Redis, Spark master and memory apply at the next start." : "."));
        return true;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String checkRedis(String url) {
        String u = url == null ? "" : url.strip();
        if (!u.startsWith("redis://") && !u.startsWith("rediss://")) {
            throw new LakeLensException("A Redis URL starts with redis:// or rediss:// (e.g. redis://localhost:6379).");
        }
        return u;
    }

    static String checkHeap(String text) {
        String h = text.strip();
        if (!HEAP.matcher(h).matches()) {
            throw new LakeLensException("'" + h + "' is not a heap size; write it like 4g or 4096m.");
        }
        long mib = Long.parseLong(h.substring(0, h.length() - 1)) * (Character.toLowerCase(h.charAt(h.length() - 1)) == 'g' ? 1024 : 1);
        if (mib < 1024) {
            throw new LakeLensException("A heap under 1g is too small for Spark; choose 1g or more.");
        }
        return h.toLowerCase(java.util.Locale.ROOT);
    }

    static long checkCache(String text) {
        try {
            long v = Long.parseLong(text.strip());
            if (v < 0 || v > 1_048_576) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new LakeLensException("The cache size is a whole number of MiB from 0 (no cache) up.");
        }
    }
}
