package dev.personaltracker.calendar.outlook;

import com.microsoft.graph.models.CustomTimeZone;
import com.microsoft.graph.models.Event;
import com.microsoft.graph.models.MailboxSettings;
import com.microsoft.graph.models.ScheduleInformation;
import com.microsoft.graph.models.ScheduleItem;
import com.microsoft.graph.models.TimeZoneBase;
import com.microsoft.graph.models.WorkingHours;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.calendar.getschedule.GetSchedulePostRequestBody;
import com.microsoft.graph.users.item.calendar.getschedule.GetSchedulePostResponse;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.EventFacts;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.IntervalSet;
import dev.personaltracker.calendar.time.WeeklyHours;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Graph knows from the mailbox beyond calendars: other people's busy time ({@code getSchedule}) and the
 * person's working hours ({@code mailboxSettings}). Each request body is built afresh per attempt.
 */
final class MailboxReads {

    /** getSchedule limits: at most 20 schedules and less than 62 days per request. */
    static final int SCHEDULES_PER_REQUEST = 20;
    static final Duration SCHEDULE_SPAN = Duration.ofDays(61);

    private final GraphServiceClient graph;
    private final GraphCalls calls;

    MailboxReads(GraphServiceClient graph, GraphCalls calls) {
        this.graph = graph;
        this.calls = calls;
    }

    /** getSchedule in requests of at most 20 addresses and under 62 days; inside an operation's deadline. */
    List<FreeBusySchedule> schedules(Collection<String> addresses, Interval window, BusyPolicy policy) {
        List<String> all = addresses.stream().distinct().toList();
        Map<String, List<Interval>> busy = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        all.forEach(a -> busy.put(a, new ArrayList<>()));
        for (int i = 0; i < all.size(); i += SCHEDULES_PER_REQUEST) {
            List<String> chunk = all.subList(i, Math.min(all.size(), i + SCHEDULES_PER_REQUEST));
            for (Instant from = window.start(); from.isBefore(window.end()); from = from.plus(SCHEDULE_SPAN)) {
                Interval span = Interval.of(from, min(window.end(), from.plus(SCHEDULE_SPAN)));
                String request = "POST getSchedule for " + chunk.size() + " schedules";
                // A fresh body per attempt: the SDK's model objects serialise only once.
                GetSchedulePostResponse answer = calls.read(request, () -> graph.me().calendar().getSchedule()
                        .post(scheduleRequest(chunk, span), rc -> OutlookConnection.preferUtc(rc.headers)));
                for (ScheduleInformation info : GraphCalls.items(answer.getValue(), request)) {
                    collect(info, all, span, policy, request, busy, errors);
                }
            }
        }
        List<FreeBusySchedule> out = new ArrayList<>();
        busy.forEach((address, intervals) -> out.add(new FreeBusySchedule(address,
                errors.containsKey(address) ? IntervalSet.empty() : IntervalSet.of(intervals),
                Optional.ofNullable(errors.get(address)))));
        return List.copyOf(out);
    }

    private static GetSchedulePostRequestBody scheduleRequest(List<String> schedules, Interval span) {
        GetSchedulePostRequestBody body = new GetSchedulePostRequestBody();
        body.setSchedules(schedules);
        body.setStartTime(GraphEvents.utc(span.start()));
        body.setEndTime(GraphEvents.utc(span.end()));
        return body;
    }

    private static void collect(ScheduleInformation info, List<String> asked, Interval span, BusyPolicy policy,
                                String request, Map<String, List<Interval>> busy, Map<String, String> errors) {
        String id = info.getScheduleId();
        String address = asked.stream().filter(a -> a.equalsIgnoreCase(id)).findFirst().orElse(id);
        if (address == null) {
            throw new UnexpectedResponseException("Microsoft Graph sent a schedule without scheduleId in " + request);
        }
        if (info.getError() != null) {
            errors.putIfAbsent(address, Optional.ofNullable(info.getError().getMessage())
                    .orElse(String.valueOf(info.getError().getResponseCode())));
            return;
        }
        for (ScheduleItem item : nonNull(info.getScheduleItems())) {
            EventFacts facts = EventFacts.busy().withAvailability(GraphEvents.availability(item.getStatus()));
            if (!policy.blocks(facts)) {
                continue;
            }
            Event asEvent = new Event();
            asEvent.setStart(item.getStart());
            asEvent.setEnd(item.getEnd());
            try {
                GraphEvents.interval(asEvent, ZoneOffset.UTC, false).filter(iv -> iv.overlaps(span)).ifPresent(iv ->
                        busy.computeIfAbsent(address, a -> new ArrayList<>()).add(Interval.of(
                                max(iv.start(), span.start()), min(iv.end(), span.end()))));
            } catch (IllegalArgumentException bad) {
                throw new UnexpectedResponseException("Microsoft Graph sent a schedule item of '"
                        + address + "' with a bad time in " + request + ": " + bad.getMessage(), bad);
            }
        }
    }

    /** The working hours from the mailbox settings; inside an operation's deadline. */
    Optional<WeeklyHours> workingHours() {
        String request = "GET /me/mailboxSettings";
        MailboxSettings mailbox = calls.read(request, () -> graph.me().mailboxSettings().get());
        WorkingHours hours = mailbox.getWorkingHours();
        if (hours == null || hours.getDaysOfWeek() == null || hours.getDaysOfWeek().isEmpty()
                || hours.getStartTime() == null || hours.getEndTime() == null) {
            return Optional.empty();
        }
        WeeklyHours.Builder builder = WeeklyHours.builder(zoneOf(hours.getTimeZone(), mailbox.getTimeZone()));
        LocalTime from = hours.getStartTime();
        LocalTime to = hours.getEndTime();
        if (from.equals(to)) {
            return Optional.empty();
        }
        for (var day : hours.getDaysOfWeek()) {
            if (day != null) {
                builder.add(java.time.DayOfWeek.valueOf(day.getValue().toUpperCase(java.util.Locale.ROOT)), from, to);
            }
        }
        return Optional.of(builder.build());
    }

    private static ZoneId zoneOf(TimeZoneBase zone, String mailboxZone) {
        if (zone instanceof CustomTimeZone custom && custom.getBias() != null) {
            // Graph's bias is minutes to add to local time to get UTC, so the offset is its negation.
            return ZoneOffset.ofTotalSeconds(-custom.getBias() * 60);
        }
        String name = zone != null && zone.getName() != null ? zone.getName() : mailboxZone;
        return ZoneNames.resolve(name).orElseThrow(() -> new UnexpectedResponseException(
                "Microsoft Graph named working-hours time zone '" + name + "', which is neither a Windows nor an "
                        + "IANA zone name (GET /me/mailboxSettings)"));
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
