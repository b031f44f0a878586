package com.example.jpms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModularHostTest {

    @TempDir
    Path dir;

    @Test
    void runsAsANamedModule() {
        assertTrue(ModularHost.class.getModule().isNamed(), "the host runs on the module path");
        assertEquals("com.example.jpms", ModularHost.class.getModule().getName());
    }

    @Test
    void coreAndStorageWorkOnTheModulePath() {
        assertEquals(Duration.ofMinutes(40), ModularHost.freeAroundOneMeeting());
        assertEquals("access-1", ModularHost.tokenRoundTrip(dir));
        assertTrue(dev.personaltracker.calendar.time.Interval.class.getModule().isNamed(),
                "core is a named (automatic) module");
        assertEquals("dev.personaltracker.calendar.core",
                dev.personaltracker.calendar.time.Interval.class.getModule().getName());
    }
}
