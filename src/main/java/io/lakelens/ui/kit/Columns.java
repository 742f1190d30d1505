package io.lakelens.ui.kit;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableColumn;

import java.util.function.Function;

/** Read-only text columns for the tabs' result tables. */
public final class Columns {
    private Columns() {
    }

    /** A column showing {@code value} of each row. */
    public static <S> TableColumn<S, String> text(String title, Function<S, String> value, double width) {
        TableColumn<S, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(value.apply(cd.getValue())).getReadOnlyProperty());
        c.setPrefWidth(width);
        return c;
    }

    /** A right-aligned number column (the value already formatted). */
    public static <S> TableColumn<S, String> number(String title, Function<S, String> value, double width) {
        TableColumn<S, String> c = text(title, value, width);
        c.getStyleClass().add(Styles.NUMBER);
        return c;
    }
}
