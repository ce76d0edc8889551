package dev.chorus.skills.builtin;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Tests that set {@code test.clock=mutable} tell the time by {@link MutableClock#INSTANCE}. */
@Factory
@Requires(property = "test.clock", value = "mutable")
class TestClockFactory {

    @Singleton
    @Replaces(value = Clock.class, factory = SkillsBeans.class)
    Clock clock() {
        return MutableClock.INSTANCE;
    }
}
