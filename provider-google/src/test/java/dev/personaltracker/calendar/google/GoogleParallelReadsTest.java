package dev.personaltracker.calendar.google;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.personaltracker.calendar.google.GoogleApi.calendarEntry;
import static dev.personaltracker.calendar.google.GoogleApi.calendarList;
import static dev.personaltracker.calendar.google.GoogleApi.ok;
import static dev.personaltracker.calendar.google.GoogleApi.page;
import static dev.personaltracker.calendar.google.GoogleApi.timed;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.time.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The calendars of one account are read at once, at most {@code readConcurrency} at a time. The server holds every
 * events.list request until {@code expected} of them are in flight together (or two seconds pass), so the test
 * proves the overlap without timing anything.
 */
class GoogleParallelReadsTest {

    static final Gate GATE = new Gate();

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(GATE)).build();

    static final Interval WEEK = Interval.of(Instant.parse("2026-11-23T00:00:00Z"), Instant.parse("2026-11-30T00:00:00Z"));
    static final List<String> OWNED = List.of("primary", "c1@group.calendar.google.com", "c2@group.calendar.google.com",
            "c3@group.calendar.google.com");
    static final List<String> SLOW = List.of("slow1@group.calendar.google.com", "slow2@group.calendar.google.com");

    /** Holds events.list requests until enough are in flight; records the most seen at once. */
    static final class Gate implements ResponseDefinitionTransformerV2 {
        volatile CountDownLatch together = new CountDownLatch(1);
        /** Only requests for calendars whose id contains this are held and counted (tests do not see each other's). */
        volatile java.util.function.Predicate<String> scope = url -> false;
        volatile AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();

        void expect(int requests, boolean slow) {
            scope = url -> url.contains("/calendars/slow") == slow;
            inFlight = new AtomicInteger();
            together = new CountDownLatch(requests);
            most.set(0);
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            String url = event.getRequest().getUrl();
            if (url.contains("/events") && scope.test(url)) {
                AtomicInteger counter = inFlight;
                CountDownLatch latch = together;
                most.accumulateAndGet(counter.incrementAndGet(), Math::max);
                try {
                    latch.countDown();
                    latch.await(2, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    counter.decrementAndGet();
                }
            }
            return event.getResponseDefinition();
        }

        @Override
        public String getName() {
            return "gate";
        }
    }

    GoogleApi api;

    @BeforeEach
    void setUp() {
        api = new GoogleApi(wm);
        List<String> entries = new ArrayList<>();
        List<String> all = new ArrayList<>(OWNED);
        all.addAll(SLOW);
        for (int i = 0; i < all.size(); i++) {
            String id = all.get(i);
            entries.add(calendarEntry(i == 0 ? "ada@example.com" : id, id, "owner", i == 0));
            wm.stubFor(get(urlPathEqualTo("/calendar/v3/calendars/" + id + "/events")).willReturn(ok(page(List.of(
                    timed("e" + i, "2026-11-24T0" + i + ":00:00Z", "2026-11-24T0" + i + ":30:00Z", "")), null, "s" + i))));
        }
        wm.stubFor(get(urlPathEqualTo("/calendar/v3/users/me/calendarList")).willReturn(ok(calendarList(
                entries.toArray(String[]::new)))));
    }

    @Test
    void calendarsOfOneAccount_areReadAtOnce() {
        GATE.expect(4, false);

        List<BusyInterval> busy = api.connect().busy(OWNED, WEEK, BusyPolicy.defaults());

        assertThat(GATE.most).as("events.list requests in flight together").hasValue(4);
        assertThat(busy).extracting(b -> b.source().eventId()).containsExactly("e0", "e1", "e2", "e3");
    }

    @Test
    void parallelReads_areBoundedByReadConcurrency() {
        GATE.expect(2, false);

        List<BusyInterval> busy = api.connect(api.settings()
                .property(GoogleCalendarProvider.PROPERTY_READ_CONCURRENCY, "2").build())
                .busy(OWNED, WEEK, BusyPolicy.defaults());

        assertThat(GATE.most).as("events.list requests in flight together").hasValue(2);
        assertThat(busy).hasSize(4);
    }

    @Test
    void theDeadlineBoundsTheWholeParallelRead() {
        GATE.expect(5, true);   // never reached: each of the two requests is held two seconds
        Duration deadline = Duration.ofMillis(500);

        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> new GoogleApi(wm, true)
                .connect(api.settings().readDeadline(deadline).build()).busy(SLOW, WEEK, BusyPolicy.defaults()));

        assertThat(thrown).isInstanceOf(dev.personaltracker.calendar.spi.ProviderUnavailableException.class)
                .hasMessageContaining("deadline");
    }
}
