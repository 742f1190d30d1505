package io.lakelens.lake;

import io.lakelens.LakeLensException;

/** A table whose protocol (reader version or feature) this Delta cannot read; nothing is wrong with its files. */
final class NewerProtocolException extends LakeLensException {
    NewerProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
