package io.lakelens.ui.search;

import io.lakelens.search.SearchFields;
import io.lakelens.search.SearchRequest;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.List;
import java.util.Optional;

/**
 * One filter of the Search tab, built from a column of the table's schema: a pick list for a
 * text column with few values, or a range (min and max as typed; dates as YYYY-MM-DD) for a
 * number, date or timestamp column. Empty means "any".
 */
public final class FilterField {
    private final SearchFields.Field field;
    private final ObjectProperty<String> choice = new SimpleObjectProperty<>();
    private final StringProperty min = new SimpleStringProperty("");
    private final StringProperty max = new SimpleStringProperty("");

    FilterField(SearchFields.Field field) {
        this.field = field;
    }

    public String column() {
        return field.name();
    }

    public SearchFields.Kind kind() {
        return field.kind();
    }

    /** Whether it is a pick list (else a range). */
    public boolean pickList() {
        return field.pickList();
    }

    public List<String> choices() {
        return field.choices();
    }

    /** The lowest and highest values in the table, as hints for the range. */
    public Optional<String> lowest() {
        return field.min();
    }

    public Optional<String> highest() {
        return field.max();
    }

    /** The picked value; null for any. */
    public ObjectProperty<String> choiceProperty() {
        return choice;
    }

    public StringProperty minProperty() {
        return min;
    }

    public StringProperty maxProperty() {
        return max;
    }

    void clear() {
        choice.set(null);
        min.set("");
        max.set("");
    }

    /** The filter this field asks for, if any. */
    Optional<SearchRequest.ColumnFilter> filter() {
        if (pickList()) {
            String c = choice.get();
            return c == null || c.isBlank() ? Optional.empty() : Optional.of(new SearchRequest.OneOf(column(), List.of(c)));
        }
        String lo = min.get() == null ? "" : min.get().strip();
        String hi = max.get() == null ? "" : max.get().strip();
        return lo.isEmpty() && hi.isEmpty() ? Optional.empty()
                : Optional.of(SearchRequest.Range.of(column(), lo, hi));
    }
}
