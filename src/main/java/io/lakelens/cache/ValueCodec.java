package io.lakelens.cache;

/**
 * Turns a value into the bytes stored in the cache and back. {@link #decode} throws an
 * {@link IllegalArgumentException} on bytes it does not recognise (another format version);
 * the cache then treats the entry as a miss.
 */
public interface ValueCodec<T> {
    byte[] encode(T value);

    T decode(byte[] bytes);
}
