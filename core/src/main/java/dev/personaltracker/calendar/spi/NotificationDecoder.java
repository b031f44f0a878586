package dev.personaltracker.calendar.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the notifications of one calendar service from the requests that reach the host's endpoint
 * ({@link CalendarProvider#notificationDecoder()}). It only reads: checking the secret and routing is the library's.
 */
public interface NotificationDecoder {

    /**
     * Reads a request if it is this service's.
     *
     * @param request  the request, not null
     * @return what it says, empty if the request is not this service's
     * @throws UnexpectedResponseException if it is this service's but cannot be read (the message says what is wrong)
     */
    Optional<Decoded> decode(NotificationRequest request);

    /**
     * What one request says: a validation handshake to answer, or notices to verify and act on.
     *
     * @param handshake  the text to echo back as {@code text/plain} with status 200 (Graph's {@code validationToken}),
     *                   empty if this is not a handshake
     * @param notices  the notices, empty for a handshake, not null
     */
    record Decoded(Optional<String> handshake, List<ChangeNotice> notices) {

        /**
         * Validates and copies the components.
         *
         * @param handshake  the text to echo, empty if not a handshake
         * @param notices  the notices, not null
         */
        public Decoded {
            Objects.requireNonNull(handshake, "handshake");
            notices = List.copyOf(Objects.requireNonNull(notices, "notices"));
        }

        /**
         * Obtains a handshake.
         *
         * @param token  the text to echo, not null
         * @return the decoded request, not null
         */
        public static Decoded handshake(String token) {
            return new Decoded(Optional.of(token), List.of());
        }

        /**
         * Obtains notices.
         *
         * @param notices  the notices, not null
         * @return the decoded request, not null
         */
        public static Decoded notices(List<ChangeNotice> notices) {
            return new Decoded(Optional.empty(), notices);
        }
    }
}
