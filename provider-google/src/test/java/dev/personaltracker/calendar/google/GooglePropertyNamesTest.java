package dev.personaltracker.calendar.google;

import dev.personaltracker.calendar.spi.CalendarProvider;
import dev.personaltracker.calendar.testing.PropertyNamesContract;
import java.util.List;

/** The facade refuses a property this provider does not read, naming the one meant, and accepts every one it reads. */
class GooglePropertyNamesTest extends PropertyNamesContract {

    @Override
    protected CalendarProvider provider() {
        return new GoogleCalendarProvider();
    }

    @Override
    protected String misspelled() {
        return "readConcurency";
    }

    @Override
    protected String meant() {
        return "readConcurrency";
    }

    @Override
    protected List<String> documented() {
        return List.of("freeBusyChunkDays", "accountId", "prompt", "readConcurrency");
    }
}
