package dev.personaltracker.calendar.spi;

import java.util.Objects;

/** Argument checks shared by the SPI value types; messages name the argument. */
final class Require {
    private Require() {
    }

    static String nonBlank(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }
}
