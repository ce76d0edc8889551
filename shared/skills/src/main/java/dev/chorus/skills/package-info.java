/**
 * The skills API: {@link dev.chorus.skills.Skill} beans whose {@link dev.chorus.skills.OnIntent} methods answer
 * Hermes intents with an {@link dev.chorus.skills.Answer}; {@link dev.chorus.skills.SkillDispatcher} subscribes,
 * dispatches and publishes; {@link dev.chorus.skills.testing.SkillTester} runs skills in plain unit tests.
 * See shared/skills/README.md.
 */
package dev.chorus.skills;
