package com.example.jpms;

import dev.personaltracker.calendar.spi.OAuthToken;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.storage.json.JsonTokenStore;
import dev.personaltracker.calendar.storage.json.StoreKeys;
import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.IntervalSet;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** What a modular host does: plain interval algebra from core, an encrypted token round trip from storage-json. */
public final class ModularHost {

    private ModularHost() {
    }

    /**
     * Saves a token in an encrypted store under {@code dir} and reads it back.
     *
     * @param dir  an empty folder
     * @return the access token read back
     */
    public static String tokenRoundTrip(Path dir) {
        JsonTokenStore store = JsonTokenStore.open(dir, StoreKeys.loadOrCreate(dir.resolve("keyset.json")));
        TokenKey key = TokenKey.of("sam", "google", "sam@example.com");
        store.save(key, OAuthToken.of("access-1", Optional.of("refresh-1"), Optional.empty(), Set.of()));
        return store.load(key).orElseThrow().accessToken();
    }

    /**
     * Free time of one hour with one meeting in it.
     *
     * @return the free time's total length
     */
    public static Duration freeAroundOneMeeting() {
        Instant start = Instant.parse("2026-03-09T09:00:00Z");
        Interval hour = Interval.of(start, Duration.ofHours(1));
        return IntervalSet.of(Interval.of(start.plusSeconds(600), Duration.ofMinutes(20))).complement(hour)
                .totalDuration();
    }
}
