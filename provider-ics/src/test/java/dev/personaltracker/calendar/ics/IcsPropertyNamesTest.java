package dev.personaltracker.calendar.ics;

import dev.personaltracker.calendar.spi.CalendarProvider;
import dev.personaltracker.calendar.testing.PropertyNamesContract;
import java.util.List;

/** The facade refuses a property this provider does not read, naming the one meant, and accepts every one it reads. */
class IcsPropertyNamesTest extends PropertyNamesContract {

    @Override
    protected CalendarProvider provider() {
        return new IcsCalendarProvider();
    }

    @Override
    protected String misspelled() {
        return "sources.uni";
    }

    @Override
    protected String meant() {
        return "source.uni";
    }

    @Override
    protected List<String> documented() {
        return List.of("source.work", "source.timetable", "zone", "owner", "output", "output.id", "account",
                "http.connectTimeout", "http.requestTimeout", "file.readTimeout", "maxBytes", "http.maxRedirects",
                "allowedFolder", "http.allowPrivateAddresses", "maxInstancesPerEvent");
    }
}
