package dev.chorus.runtime.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.runtime.mqtt.InboundMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    @TempDir
    Path dir;

    @Test
    void whatIsNotCompletedIsThereForTheNextRunInArrivalOrderWithItsProgress() {
        Journal first = Journal.open(dir);
        assertThat(first.takeUnfinished()).isEmpty();
        Journal.Entry a = first.record(message("t/a", "one")).orElseThrow();
        Journal.Entry b = first.record(message("t/b", "two")).orElseThrow();
        first.record(message("t/c", "three")).orElseThrow();
        b.complete();
        a.progress("3");
        assertThat(first.size()).isEqualTo(2);

        Journal second = Journal.open(dir);
        List<Journal.Entry> left = second.takeUnfinished();
        assertThat(left).extracting(Journal.Entry::topic).containsExactly("t/a", "t/c");
        assertThat(left).extracting(Journal.Entry::progress).containsExactly("3", "");
        assertThat(new String(left.get(1).payload(), StandardCharsets.UTF_8)).isEqualTo("three");
        assertThat(second.takeUnfinished()).as("once").isEmpty();

        // new entries sort after the old ones
        Journal.Entry d = second.record(message("t/d", "four")).orElseThrow();
        left.forEach(Journal.Entry::complete);
        assertThat(Journal.open(dir).takeUnfinished())
                .extracting(Journal.Entry::topic)
                .containsExactly("t/d");
        d.complete();
        assertThat(Journal.open(dir).size()).isZero();
    }

    @Test
    void aRedeliveryOfAnUnfinishedEntryOfThePreviousRunIsNotRecordedTwice() {
        Journal.open(dir).record(message("t/a", "one")).orElseThrow();
        Journal second = Journal.open(dir);
        Journal.Entry resumed = second.takeUnfinished().get(0);
        assertThat(second.record(message("t/a", "one"))).isEmpty();
        assertThat(second.record(message("t/a", "other"))).isPresent();
        resumed.complete();
        assertThat(second.record(message("t/a", "one")))
                .as("a new request once the old one is done")
                .isPresent();
    }

    @Test
    void aTornWriteAndAnUnreadableEntryAreSetAside() throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("0000000000000005.entry.tmp"), "half");
        Files.writeString(dir.resolve("0000000000000006.entry"), "garbage");
        Journal journal = Journal.open(dir);
        assertThat(journal.takeUnfinished()).isEmpty();
        assertThat(dir.resolve("0000000000000005.entry.tmp")).doesNotExist();
        assertThat(dir.resolve("0000000000000006.entry.bad")).exists();
        assertThat(journal.size()).isZero();
    }

    private static InboundMessage message(String topic, String text) {
        return InboundMessage.of(topic, text.getBytes(StandardCharsets.UTF_8));
    }
}
