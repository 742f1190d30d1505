package io.lakelens.ui.kit;

import io.lakelens.search.StrategyKind;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignB;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignK;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.kordamp.ikonli.materialdesign2.MaterialDesignW;

/** Every icon of the workbench, in one place (Material Design Icons through Ikonli). */
public enum AppIcon {
    APP(MaterialDesignW.WAVES),
    SEARCH(MaterialDesignM.MAGNIFY),
    FILTER(MaterialDesignF.FILTER_VARIANT),
    CLEAR_FILTERS(MaterialDesignF.FILTER_REMOVE_OUTLINE),
    CALENDAR(MaterialDesignC.CALENDAR_RANGE),
    CACHE_FIRST(MaterialDesignL.LIGHTNING_BOLT),
    DATABASE_ONLY(MaterialDesignD.DATABASE),
    CIRCUIT_BREAKER(MaterialDesignW.WRENCH),
    HYBRID(MaterialDesignR.ROBOT),
    GENERATE(MaterialDesignD.DATABASE), // DATABASE_PLUS has no glyph in the bundled font
    SPARK(MaterialDesignF.FLASH),
    REDIS(MaterialDesignM.MEMORY),
    LAKE(MaterialDesignF.FOLDER_OUTLINE),
    TABLE(MaterialDesignT.TABLE),
    FIRST_PAGE(MaterialDesignP.PAGE_FIRST),
    PREVIOUS_PAGE(MaterialDesignC.CHEVRON_LEFT),
    NEXT_PAGE(MaterialDesignC.CHEVRON_RIGHT),
    LAST_PAGE(MaterialDesignP.PAGE_LAST),
    THEME(MaterialDesignT.THEME_LIGHT_DARK),
    LIGHT(MaterialDesignW.WHITE_BALANCE_SUNNY),
    DARK(MaterialDesignW.WEATHER_NIGHT),
    CAMERA(MaterialDesignC.CAMERA),
    CANCEL(MaterialDesignC.CLOSE),
    CLOCK(MaterialDesignC.CLOCK_OUTLINE),
    TIMER(MaterialDesignT.TIMER_OUTLINE),
    SUCCESS(MaterialDesignC.CHECK_CIRCLE_OUTLINE),
    ERROR(MaterialDesignA.ALERT_CIRCLE_OUTLINE),
    WARNING(MaterialDesignA.ALERT),
    INFO(MaterialDesignI.INFORMATION_OUTLINE),
    CACHE(MaterialDesignC.CACHED),
    COMPARE(MaterialDesignC.COMPARE_HORIZONTAL),
    VERSION(MaterialDesignS.SOURCE_BRANCH),
    UP(MaterialDesignT.TRENDING_UP),
    DOWN(MaterialDesignT.TRENDING_DOWN),
    REFRESH(MaterialDesignR.REFRESH),
    KEYBOARD(MaterialDesignK.KEYBOARD),
    MENU(MaterialDesignM.MENU),
    TIME_TRAVEL(MaterialDesignH.HISTORY),
    AUDIT(MaterialDesignF.FILE_DOCUMENT_OUTLINE),
    ANALYTICS(MaterialDesignC.CHART_BAR),
    COMPACTION(MaterialDesignA.ARCHIVE_ARROW_DOWN),
    PERFORMANCE(MaterialDesignC.CHART_LINE),
    SPEED(MaterialDesignS.SPEEDOMETER),
    RESTORE(MaterialDesignB.BACKUP_RESTORE),
    SHIELD(MaterialDesignS.SHIELD_CHECK_OUTLINE),
    SERVER(MaterialDesignS.SERVER);

    private final Ikon ikon;

    AppIcon(Ikon ikon) {
        this.ikon = ikon;
    }

    public Ikon ikon() {
        return ikon;
    }

    /** A new icon node; nodes cannot be shared between parents, so each call makes one. */
    public FontIcon node() {
        FontIcon icon = new FontIcon(ikon);
        icon.getStyleClass().add("ll-icon");
        return icon;
    }

    public FontIcon node(String... styleClasses) {
        FontIcon icon = node();
        icon.getStyleClass().addAll(styleClasses);
        return icon;
    }

    public static AppIcon of(StrategyKind strategy) {
        return switch (strategy) {
            case CACHE_FIRST -> CACHE_FIRST;
            case DATABASE_ONLY -> DATABASE_ONLY;
            case CIRCUIT_BREAKER -> CIRCUIT_BREAKER;
            case HYBRID -> HYBRID;
        };
    }
}
