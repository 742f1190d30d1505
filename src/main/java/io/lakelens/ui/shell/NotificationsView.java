package io.lakelens.ui.shell;

import atlantafx.base.controls.Notification;
import io.lakelens.ui.kit.AppIcon;
import io.lakelens.ui.kit.ErrorDialog;
import io.lakelens.ui.kit.Notifier;
import io.lakelens.ui.kit.Styles;
import javafx.animation.PauseTransition;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import java.util.HashMap;
import java.util.Map;

import static atlantafx.base.theme.Styles.ACCENT;
import static atlantafx.base.theme.Styles.DANGER;
import static atlantafx.base.theme.Styles.ELEVATED_1;
import static atlantafx.base.theme.Styles.SUCCESS;
import static atlantafx.base.theme.Styles.WARNING;

/** Toasts in the top-right corner: one line each, closable, gone by themselves after a while. */
final class NotificationsView extends VBox {
    private final Map<Notifier.Notice, Notification> shown = new HashMap<>();

    NotificationsView(Notifier notifier) {
        setId("notifications");
        getStyleClass().add(Styles.NOTIFICATIONS);
        setPickOnBounds(false);
        setFillWidth(false);
        notifier.notices().addListener((ListChangeListener<Notifier.Notice>) ch -> {
            while (ch.next()) {
                ch.getRemoved().forEach(n -> getChildren().remove(shown.remove(n)));
                ch.getAddedSubList().forEach(n -> add(notifier, n));
            }
        });
        notifier.notices().forEach(n -> add(notifier, n));
    }

    private void add(Notifier notifier, Notifier.Notice notice) {
        AppIcon icon = switch (notice.level()) {
            case INFO -> AppIcon.INFO;
            case SUCCESS -> AppIcon.SUCCESS;
            case WARNING -> AppIcon.WARNING;
            case ERROR -> AppIcon.ERROR;
        };
        Notification n = new Notification(notice.text(), icon.node());
        n.setId("notification");
        n.setPrefWidth(420);
        n.setMaxWidth(420);
        n.getStyleClass().addAll(ELEVATED_1, switch (notice.level()) {
            case INFO -> ACCENT;
            case SUCCESS -> SUCCESS;
            case WARNING -> WARNING;
            case ERROR -> DANGER;
        });
        n.setOnClose(e -> notifier.dismiss(notice));
        if (notice.cause() != null) {
            Button details = new Button("Details…");
            details.setId("errorDetailsButton");
            details.setOnAction(e -> ErrorDialog.show(getScene() == null ? null : getScene().getWindow(), null, notice.cause(), notifier));
            n.setPrimaryActions(details);
        }
        shown.put(notice, n);
        getChildren().add(n);
        PauseTransition later = new PauseTransition(Duration.seconds(notice.level() == Notifier.Level.ERROR ? 12 : 6));
        later.setOnFinished(e -> notifier.dismiss(notice));
        later.play();
    }
}
