package dev.chorus.tts;

import io.micronaut.core.annotation.NonNull;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;

/**
 * The TTS module's engine layer in one object: voices, lexicon and presets from the config
 * folder, the MaryTTS worker pool, sentence splitting and the render cache.
 * <pre>
 * TextToSpeech tts = TextToSpeech.start(TtsConfig.fromEnv());
 * Pcm16 wav = tts.synthesize(SpeechRequest.of("Hello.").withLang("en").withVolume(0.8));
 * byte[] playBytes = wav.toWav();
 * </pre>
 * Thread-safe. Request errors are {@link TtsException} subclasses thrown before any work
 * starts (unknown voice/language/preset, empty or too long text, invalid SSML).
 */
public final class TextToSpeech implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TextToSpeech.class);
    /** Longest chunk handed to MaryTTS at once; longer sentences are cut at a comma or space. */
    private static final int MAX_SENTENCE_CHARS = 300;
    /**
     * A first sentence (or SSML text) of at least this many words goes out in two chunks, head and tail
     * ({@link SplitSynthesis}), for earlier first audio; shorter ones stay one playBytes as Rhasspy sends.
     * Up to 7 words are about 2 s of audio that MaryTTS renders in about 0.25 s on a quiet machine.
     */
    static final int SPLIT_MIN_WORDS = 8;
    /**
     * Least head length per character of the sentence: a fifth of MaryTTS's about 60 ms of speech per
     * character, so the head plays long enough to cover the tail's synthesis up to a vocoder real-time
     * factor of about 0.25 (0.1 on a quiet machine).
     */
    private static final double HEAD_MS_PER_CHAR = 12;
    /** Bump when the rendering pipeline changes, so old cache files are not reused. */
    private static final String PIPELINE_VERSION = "1";

    private final TtsConfig config;
    private final VoiceCatalog voices;
    private final Lexicon lexicon;
    private final Presets presets;
    private final RenderCache cache;
    private final SpeechEngine engine;
    private final SentenceSplitter splitter = new SentenceSplitter(MAX_SENTENCE_CHARS);
    private final ExecutorService executor;

    private TextToSpeech(
            final TtsConfig config,
            final VoiceCatalog voices,
            final Lexicon lexicon,
            final Presets presets,
            final RenderCache cache,
            final SpeechEngine engine) {
        this.config = config;
        this.voices = voices;
        this.lexicon = lexicon;
        this.presets = presets;
        this.cache = cache;
        this.engine = engine;
        this.executor = Executors.newFixedThreadPool(engine.workers(), daemonThreads());
    }

    /**
     * Loads and validates the config folder, opens the render cache, starts MaryTTS and warms
     * it up (several seconds).
     *
     * @throws TtsException.BadConfig     a file or env var is invalid (the message names file and line)
     * @throws TtsException.StartupFailed MaryTTS cannot start or lacks a voice
     */
    @NonNull
    public static TextToSpeech start(@NonNull final TtsConfig config) {
        final long t0 = System.nanoTime();
        final ConfigFiles files = load(config);
        final VoiceCatalog voices = files.voices();
        final Lexicon lexicon = files.lexicon();
        final Presets presets = files.presets();
        final RenderCache cache = new RenderCache(config.cacheDir(), config.cacheMaxBytes());
        final SpeechEngine engine = SpeechEngine.start(config.workers(), voices.voices());
        LOG.info(
                "TTS ready in {} ms: {} voices, {} lexicon entries (version {}), {} presets, {} workers, {} Hz, cache {}",
                (System.nanoTime() - t0) / 1_000_000,
                voices.voices().size(),
                lexicon.size(),
                lexicon.version(),
                presets.all().size(),
                engine.workers(),
                config.sampleRate(),
                cache.enabled() ? cache.sizeBytes() + "/" + config.cacheMaxBytes() + " bytes" : "off");
        return new TextToSpeech(config, voices, lexicon, presets, cache, engine);
    }

    /**
     * Everything {@link #start} checks before it starts MaryTTS: the files of the config folder
     * and the default language and preset. Quick; for the module's check before Micronaut starts.
     *
     * @throws TtsException.BadConfig naming the file and line, or the variable
     */
    public static void check(@NonNull final TtsConfig config) {
        load(config);
    }

    private record ConfigFiles(VoiceCatalog voices, Lexicon lexicon, Presets presets) {}

    private static ConfigFiles load(final TtsConfig config) {
        final VoiceCatalog voices = VoiceCatalog.load(config.configDir());
        final Lexicon lexicon = Lexicon.load(config.configDir());
        final Presets presets = Presets.load(config.configDir());
        try {
            voices.forLanguage(config.defaultLanguage());
        } catch (TtsException.UnknownLanguage e) {
            throw new TtsException.BadConfig(TtsConfig.PREFIX + "DEFAULT_LANGUAGE=" + config.defaultLanguage()
                    + " has no voice in " + VoiceCatalog.FILE + ": " + e.getMessage());
        }
        try {
            presets.get(config.defaultPreset(), config.defaultPreset());
        } catch (TtsException.UnknownPreset e) {
            throw new TtsException.BadConfig(TtsConfig.PREFIX + "DEFAULT_PRESET=" + config.defaultPreset()
                    + " is not defined in " + Presets.FILE + ": " + e.getMessage());
        }
        return new ConfigFiles(voices, lexicon, presets);
    }

    /** The whole request as one WAV (sentences rendered in parallel, joined in order). */
    @NonNull
    public Pcm16 synthesize(@NonNull final SpeechRequest request) {
        final List<CompletableFuture<Pcm16>> chunks = synthesizeSentences(request);
        final List<Pcm16> parts = new ArrayList<>(chunks.size());
        for (final CompletableFuture<Pcm16> chunk : chunks) {
            parts.add(await(chunk));
        }
        return Pcm16.concat(parts);
    }

    /**
     * The request as one future per chunk (sentence; a long first sentence is two, see
     * {@link Utterance}), in speaking order, all already queued; publish each as it completes to
     * get the first audio out early. SSML is one chunk (two when long). Request errors
     * are thrown here; synthesis errors complete the futures exceptionally with
     * {@link TtsException.SynthesisFailed}.
     */
    @NonNull
    public List<CompletableFuture<Pcm16>> synthesizeSentences(@NonNull final SpeechRequest request) {
        final Utterance utterance = prepare(request);
        final List<CompletableFuture<Pcm16>> out = new ArrayList<>(utterance.size());
        for (int k = 0; k < utterance.size(); k++) {
            out.add(utterance.start(k));
        }
        return out;
    }

    /**
     * Checks the request and splits it into chunks (sentences; SSML is one chunk) without
     * starting any synthesis: the caller starts chunks with {@link Utterance#start(int)}, e.g. a
     * few ahead of what it is publishing, so that one long text does not fill the worker queue
     * in front of other requests.
     *
     * @throws TtsException for request errors (empty or too long text, bad volume, unknown
     *                      voice/language/preset, invalid SSML)
     */
    @NonNull
    public Utterance prepare(@NonNull final SpeechRequest request) {
        final String text = request.text() == null ? "" : request.text();
        if (text.isBlank()) {
            throw new TtsException.InvalidRequest("text is empty");
        }
        if (text.length() > config.maxTextChars()) {
            throw new TtsException.InvalidRequest("text has " + text.length() + " characters; the limit is "
                    + config.maxTextChars() + " (" + TtsConfig.PREFIX + "MAX_TEXT_CHARS)");
        }
        final double volume = request.volume() == null ? 1.0 : request.volume();
        if (!(volume >= 0 && volume <= 1)) {
            throw new TtsException.InvalidRequest("volume must be between 0 and 1, got " + request.volume());
        }
        final Voice voice = voices.resolve(request.voice(), request.lang(), config.defaultLanguage());
        final Preset preset = presets.get(request.preset(), config.defaultPreset());
        final List<Render> renders = new ArrayList<>();
        if (Ssml.looksLikeSsml(text)) {
            final Document doc = Ssml.parse(text, voice.locale());
            Ssml.applyLexicon(doc, lexicon, voice.locale());
            final String key = cacheKey(voice, preset, "ssml", Ssml.serialize(doc));
            renders.add(new Render(
                    key,
                    volume,
                    progress -> engine.renderSsml(doc, voice, preset, config.timeout(), progress),
                    doc.getDocumentElement().getTextContent()));
        } else {
            final List<String> sentences = splitter.split(text);
            if (sentences.isEmpty()) {
                throw new TtsException.InvalidRequest("text has nothing to speak: '" + text.strip() + "'");
            }
            for (final String sentence : sentences) {
                final String spoken = lexicon.apply(sentence, voice.locale());
                final String key = cacheKey(voice, preset, "text", sentence);
                renders.add(new Render(
                        key,
                        volume,
                        progress -> engine.renderText(spoken, voice, preset, config.timeout(), progress),
                        sentence));
            }
        }
        final List<Part> parts = new ArrayList<>();
        for (int k = 0; k < renders.size(); k++) {
            final Render render = renders.get(k);
            if (k == 0 && words(render.text()) >= SPLIT_MIN_WORDS) {
                render.split(Math.round(render.text().length() * HEAD_MS_PER_CHAR));
                parts.add(new Part(render, false));
                parts.add(new Part(render, true));
            } else {
                parts.add(new Part(render, false));
            }
        }
        return new Utterance(voice, parts);
    }

    /**
     * A checked request, split into chunks that are synthesized when started. Thread-safe;
     * {@link #start(int)} is idempotent. Chunks are the sentences (SSML is one), except that a first
     * sentence of at least {@value #SPLIT_MIN_WORDS} words is two chunks, its head and its tail: the head
     * completes while the tail is still being synthesized (one synthesis: starting either starts both).
     */
    public final class Utterance {

        private final Voice voice;
        private final List<Part> parts;

        private Utterance(final Voice voice, final List<Part> parts) {
            this.voice = voice;
            this.parts = List.copyOf(parts);
        }

        /** Number of chunks, at least 1. */
        public int size() {
            return parts.size();
        }

        /** The voice the request resolved to. */
        @NonNull
        public Voice voice() {
            return voice;
        }

        /** Queues chunk {@code k} on the worker pool (or takes it from the cache); at most once. */
        @NonNull
        public CompletableFuture<Pcm16> start(final int k) {
            final Part part = parts.get(k);
            final SplitSynthesis.Parts started = part.render().start();
            return part.tail() ? started.tail() : started.head();
        }

        /**
         * Chunk {@code k} (started if it was not), waiting at most the synthesis timeout.
         *
         * @throws TtsException.SynthesisFailed when synthesis failed or took longer than the timeout
         */
        @NonNull
        public Pcm16 await(final int k) {
            return TextToSpeech.this.await(start(k));
        }
    }

    /** Chunk of an utterance: a whole render, or the head or the tail of a split one. */
    private record Part(Render render, boolean tail) {}

    /** One synthesis (a sentence or an SSML document), started at most once. */
    private final class Render {

        private final String key;
        private final double volume;
        private final Function<AudioProgress, Pcm16> synthesis;
        private final String text;
        private long minHeadMs = -1; // >= 0: split into head and tail
        private SplitSynthesis.Parts started;

        Render(
                final String key,
                final double volume,
                final Function<AudioProgress, Pcm16> synthesis,
                final String text) {
            this.key = key;
            this.volume = volume;
            this.synthesis = synthesis;
            this.text = text;
        }

        String text() {
            return text;
        }

        void split(final long headMs) {
            this.minHeadMs = headMs;
        }

        synchronized SplitSynthesis.Parts start() {
            if (started == null) {
                started = minHeadMs >= 0 ? startSplit() : startWhole();
            }
            return started;
        }

        private SplitSynthesis.Parts startWhole() {
            final CompletableFuture<Pcm16> whole = chunk(key, volume, () -> synthesis.apply(AudioProgress.NONE));
            return new SplitSynthesis.Parts(whole, whole, whole);
        }

        private SplitSynthesis.Parts startSplit() {
            final var cached = cache.get(key);
            if (cached.isPresent()) {
                return SplitSynthesis.of(cached.get(), minHeadMs, volume);
            }
            try {
                final SplitSynthesis.Parts parts =
                        SplitSynthesis.start(synthesis, executor, config.sampleRate(), minHeadMs, volume);
                parts.whole().thenAccept(wav -> cache.put(key, wav));
                return parts;
            } catch (RejectedExecutionException e) {
                throw new TtsException.SynthesisFailed("the TTS engine is shut down", e);
            }
        }
    }

    /** Words (runs of letters or digits) in {@code text}. */
    static int words(final String text) {
        int n = 0;
        boolean in = false;
        for (int i = 0; i < text.length(); i++) {
            final boolean letter = Character.isLetterOrDigit(text.charAt(i));
            if (letter && !in) {
                n++;
            }
            in = letter;
        }
        return n;
    }

    private CompletableFuture<Pcm16> chunk(final String key, final double volume, final Supplier<Pcm16> render) {
        final var cached = cache.get(key);
        if (cached.isPresent()) {
            return CompletableFuture.completedFuture(cached.get().scaled(volume));
        }
        try {
            return CompletableFuture.supplyAsync(
                    () -> {
                        final Pcm16 wav = Resampler.resample(render.get(), config.sampleRate());
                        cache.put(key, wav);
                        return wav.scaled(volume);
                    },
                    executor);
        } catch (RejectedExecutionException e) {
            throw new TtsException.SynthesisFailed("the TTS engine is shut down", e);
        }
    }

    /** voice + preset + lexicon version + text + sample rate (+ the pipeline's own version). */
    private String cacheKey(final Voice voice, final Preset preset, final String kind, final String text) {
        return RenderCache.key(
                PIPELINE_VERSION,
                voice.id(),
                voice.engineVoice(),
                preset.renderKey(),
                lexicon.version(),
                String.valueOf(config.sampleRate()),
                kind,
                text);
    }

    private Pcm16 await(final CompletableFuture<Pcm16> chunk) {
        try {
            return chunk.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TtsException tts) {
                throw tts;
            }
            throw new TtsException.SynthesisFailed(
                    "synthesis failed: " + MaryRuntime.rootMessage(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new TtsException.SynthesisFailed(
                    "synthesis took longer than " + config.timeout().toMillis() + " ms (" + TtsConfig.PREFIX
                            + "TIMEOUT_SECONDS)",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TtsException.SynthesisFailed("interrupted", e);
        }
    }

    /** The installed voices (for {@code rhasspy/tts/voices}) and language lookup. */
    @NonNull
    public VoiceCatalog voices() {
        return voices;
    }

    @NonNull
    public Presets presets() {
        return presets;
    }

    @NonNull
    public Lexicon lexicon() {
        return lexicon;
    }

    @NonNull
    public TtsConfig config() {
        return config;
    }

    /** Render-cache counters: hits, misses, bytes on disk. */
    @NonNull
    public String cacheStats() {
        return "hits=" + cache.hits() + " misses=" + cache.misses() + " bytes=" + cache.sizeBytes();
    }

    long cacheHits() {
        return cache.hits();
    }

    /** Stops taking requests; queued sentences finish. */
    @Override
    public void close() {
        executor.shutdown();
        engine.close();
    }

    private static ThreadFactory daemonThreads() {
        final AtomicInteger n = new AtomicInteger();
        return r -> {
            final Thread t = new Thread(r, "tts-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
