package dev.chorus.skills;

import jakarta.inject.Singleton;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A class whose {@link OnIntent} methods answer intents. It is a singleton bean (constructor injection works as
 * for any bean); the module's {@link SkillDispatcher} finds every {@code @Skill} bean at start-up.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Singleton
public @interface Skill {}
