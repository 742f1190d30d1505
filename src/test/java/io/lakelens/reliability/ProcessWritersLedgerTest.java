package io.lakelens.reliability;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The process scenario's plan and its ledger of what acknowledged writes must leave. */
class ProcessWritersLedgerTest {
    @Test
    void eachWriterAppendsThenMergesOrDeletesTheBatchBefore() {
        assertEquals(List.of("append 1", "append 2", "merge 1", "optimize 0", "append 3", "delete 2"),
                ProcessWriters.plan(3, true, true).stream().map(o -> o.kind() + " " + o.batch()).toList());
        assertEquals(List.of("append 1", "append 2", "append 3"),
                ProcessWriters.plan(3, false, false).stream().map(o -> o.kind() + " " + o.batch()).toList());
    }

    @Test
    void theLedgerCountsALostMergeOrDeleteAsWrong() {
        ProcessWriters.Ledger ledger = new ProcessWriters.Ledger(5);
        for (var op : ProcessWriters.plan(3, true, false)) {
            ledger.acknowledged("w", op);
        }
        // batch 1 merged (5 rows, val 1 each), batch 2 lost its even ids 0, 2, 4, batch 3 untouched
        var right = new TableCheck.Landed(7, Map.of("w/1", 5L, "w/2", 2L, "w/3", 5L), Map.of("w/1", 5L, "w/2", 0L, "w/3", 0L));
        assertEquals(List.of(), ledger.differences(right));
        assertEquals(0, ledger.lostRows(right));

        var mergeLost = new TableCheck.Landed(7, right.batches(), Map.of("w/1", 0L, "w/2", 0L, "w/3", 0L));
        assertEquals(List.of("w/1"), ledger.differences(mergeLost));
        assertEquals(5, ledger.lostRows(mergeLost));

        var deleteLost = new TableCheck.Landed(7, Map.of("w/1", 5L, "w/2", 5L, "w/3", 5L), right.valSums());
        assertEquals(List.of("w/2"), ledger.differences(deleteLost));
        assertEquals(3, ledger.lostRows(deleteLost));
    }
}
