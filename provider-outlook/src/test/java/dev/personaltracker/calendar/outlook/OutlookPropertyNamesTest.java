package dev.personaltracker.calendar.outlook;

import dev.personaltracker.calendar.spi.CalendarProvider;
import dev.personaltracker.calendar.testing.PropertyNamesContract;
import java.util.List;

/** The facade refuses a property this provider does not read, naming the one meant, and accepts every one it reads. */
class OutlookPropertyNamesTest extends PropertyNamesContract {

    @Override
    protected CalendarProvider provider() {
        return new OutlookCalendarProvider();
    }

    @Override
    protected String misspelled() {
        return "tenantId";
    }

    @Override
    protected String meant() {
        return "tenant";
    }

    @Override
    protected List<String> documented() {
        return List.of("tenant", "cloud", "sync", "pageSize", "account", "concurrency", "zone");
    }
}
