package dev.personaltracker.calendar.caldav;

import dev.personaltracker.calendar.spi.CalendarProvider;
import dev.personaltracker.calendar.testing.PropertyNamesContract;
import java.util.List;

/** The facade refuses a property this provider does not read, naming the one meant, and accepts every one it reads. */
class CaldavPropertyNamesTest extends PropertyNamesContract {

    @Override
    protected CalendarProvider provider() {
        return new CaldavCalendarProvider();
    }

    @Override
    protected String misspelled() {
        return "servr";
    }

    @Override
    protected String meant() {
        return "server";
    }

    @Override
    protected List<String> documented() {
        return List.of("server", "user", "zone", "owner", "http.connectTimeout", "http.requestTimeout");
    }
}
