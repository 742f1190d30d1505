package io.lakelens.analytics;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lakelens.cache.ValueCodec;

import java.io.IOException;
import java.util.Arrays;

/**
 * An analysis answer as stored in the cache: a format tag, then the typed data with the plan
 * that computed it as Smile (binary JSON: each property name is written once, numbers in
 * binary), which keeps large answers such as a portfolio's every position small and quick to read. Bytes of another format are refused, which the cache treats as a
 * miss (the answer is recomputed and overwritten). Thread-safe.
 */
final class AnalysisCodec implements ValueCodec<AnalysisCodec.Stored> {
    static final AnalysisCodec INSTANCE = new AnalysisCodec();
    private static final byte[] TAG = {'L', 'L', 'A', '2'};
    private static final ObjectMapper JSON = new ObjectMapper(new SmileFactory()).registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ObjectWriter WRITER = JSON.writerFor(Stored.class);
    private static final ObjectReader READER = JSON.readerFor(Stored.class);

    /**
     * @param data      the typed answer
     * @param plan      the Spark plan(s) that computed it
     * @param pins      the versions it was computed from
     * @param computeMs how long computing it took, for the record
     */
    record Stored(AnalysisData data, String plan, Pins pins, double computeMs) {
    }

    @Override
    public byte[] encode(Stored value) {
        try {
            byte[] json = WRITER.writeValueAsBytes(value);
            byte[] out = Arrays.copyOf(TAG, TAG.length + json.length);
            System.arraycopy(json, 0, out, TAG.length, json.length);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode an analysis answer: " + e.getMessage(), e);
        }
    }

    @Override
    public Stored decode(byte[] bytes) {
        if (bytes == null || bytes.length < TAG.length || !Arrays.equals(Arrays.copyOf(bytes, TAG.length), TAG)) {
            throw new IllegalArgumentException("Not an analysis answer of this format");
        }
        try {
            return READER.readValue(bytes, TAG.length, bytes.length - TAG.length);
        } catch (IOException e) {
            throw new IllegalArgumentException("Unreadable analysis answer: " + e.getMessage(), e);
        }
    }
}
