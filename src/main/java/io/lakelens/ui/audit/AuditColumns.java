package io.lakelens.ui.audit;

import io.lakelens.lake.Integrity;
import io.lakelens.lake.RowEvent;
import io.lakelens.lake.TimelineNode;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableColumn;

import java.util.function.Function;

/** Table columns of the Audit sections: a value per row, shown as text. */
final class AuditColumns {
    private AuditColumns() {
    }

    static <S> TableColumn<S, Object> width(TableColumn<S, Object> c, double pref) {
        c.setPrefWidth(pref);
        return c;
    }

    static TableColumn<TimelineNode, Object> col(String name, Function<TimelineNode, Object> value) {
        TableColumn<TimelineNode, Object> c = new TableColumn<>(name);
        c.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(value.apply(r.getValue())));
        return c;
    }

    static TableColumn<RowEvent, Object> evCol(String name, Function<RowEvent, Object> value) {
        TableColumn<RowEvent, Object> c = new TableColumn<>(name);
        c.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(value.apply(r.getValue())));
        return c;
    }

    static TableColumn<Integrity.Verification, Object> vCol(String name, Function<Integrity.Verification, Object> value) {
        TableColumn<Integrity.Verification, Object> c = new TableColumn<>(name);
        c.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(value.apply(r.getValue())));
        return c;
    }
}
