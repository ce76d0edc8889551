package dev.chorus.tts;

import io.micronaut.core.annotation.NonNull;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * SSML input: recognising it, parsing it safely (no DTDs, no external entities), putting it in
 * the SSML namespace MaryTTS's stylesheet matches on, giving it an {@code xml:lang}, and
 * applying the lexicon to its text (never to its markup).
 */
public final class Ssml {

    public static final String NAMESPACE = "http://www.w3.org/2001/10/synthesis";
    private static final String XML_NS = "http://www.w3.org/XML/1998/namespace";
    private static final Pattern START =
            Pattern.compile("^(?:\\uFEFF)?\\s*(?:<\\?xml[^>]*\\?>\\s*)?<speak[\\s>/]", Pattern.DOTALL);

    private Ssml() {}

    /** True when the text is meant as SSML: it starts with {@code <speak} (after an optional XML declaration). */
    public static boolean looksLikeSsml(@NonNull final String text) {
        return START.matcher(text).find() || text.stripLeading().startsWith("<?xml");
    }

    /**
     * Parses SSML for MaryTTS: well-formed XML with a {@code speak} root, moved into the SSML
     * namespace when written without one, {@code xml:lang} set to {@code language} when absent.
     *
     * @throws TtsException.InvalidSsml with line and column of the first problem
     */
    @NonNull
    public static Document parse(@NonNull final String text, @NonNull final Locale language) {
        final Document doc;
        try {
            final DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler() {
                @Override
                public void error(final SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            doc = builder.parse(new org.xml.sax.InputSource(new StringReader(text.strip())));
        } catch (SAXParseException e) {
            throw new TtsException.InvalidSsml(
                    "Invalid SSML at line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": "
                            + e.getMessage(),
                    e);
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new TtsException.InvalidSsml("Invalid SSML: " + e.getMessage(), e);
        }
        final Element root = doc.getDocumentElement();
        if (!"speak".equals(root.getLocalName())) {
            throw new TtsException.InvalidSsml(
                    "Invalid SSML: the root element must be <speak>, got <" + root.getTagName() + ">", null);
        }
        if (root.getNamespaceURI() != null && !NAMESPACE.equals(root.getNamespaceURI())) {
            throw new TtsException.InvalidSsml(
                    "Invalid SSML: <speak> must be in namespace " + NAMESPACE + " (or in none), got "
                            + root.getNamespaceURI(),
                    null);
        }
        final Element speak = (Element) intoSsmlNamespace(doc, root);
        if (!speak.hasAttributeNS(XML_NS, "lang")) {
            speak.setAttributeNS(XML_NS, "xml:lang", language.toLanguageTag());
        }
        if (!speak.hasAttribute("version")) {
            speak.setAttribute("version", "1.0");
        }
        if (speak.getTextContent().isBlank()) {
            throw new TtsException.InvalidRequest("SSML has no text to speak");
        }
        return doc;
    }

    /** Plain text as an SSML document: {@code <speak xml:lang="..">text</speak>}. */
    @NonNull
    public static Document fromText(@NonNull final String text, @NonNull final Locale language) {
        try {
            final Document doc = factory().newDocumentBuilder().newDocument();
            final Element speak = doc.createElementNS(NAMESPACE, "speak");
            speak.setAttribute("version", "1.0");
            speak.setAttributeNS(XML_NS, "xml:lang", language.toLanguageTag());
            speak.appendChild(doc.createTextNode(text));
            doc.appendChild(speak);
            return doc;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy of {@code doc} whose {@code <speak>} content sits in {@code <prosody rate="..">}. */
    @NonNull
    public static Document withProsodyRate(@NonNull final Document doc, @NonNull final String rate) {
        final Document copy = (Document) doc.cloneNode(true);
        final Element speak = copy.getDocumentElement();
        final Element prosody = copy.createElementNS(NAMESPACE, "prosody");
        prosody.setAttribute("rate", rate);
        while (speak.getFirstChild() != null) {
            prosody.appendChild(speak.getFirstChild());
        }
        speak.appendChild(prosody);
        return copy;
    }

    /** Applies the lexicon to every text node (so respellings never touch tags or attributes). */
    public static void applyLexicon(
            @NonNull final Document doc, @NonNull final Lexicon lexicon, @NonNull final Locale language) {
        applyLexicon(doc.getDocumentElement(), lexicon, language);
    }

    private static void applyLexicon(final Node node, final Lexicon lexicon, final Locale language) {
        final NodeList children = node.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            final Node child = children.item(i);
            if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                child.setNodeValue(lexicon.apply(child.getNodeValue(), language));
            } else if (child.getNodeType() == Node.ELEMENT_NODE && !isVerbatim((Element) child)) {
                applyLexicon(child, lexicon, language);
            }
        }
    }

    /** Elements whose text already says how to speak it: phoneme, sub (alias), audio. */
    private static boolean isVerbatim(final Element element) {
        final String name = element.getLocalName();
        return "phoneme".equals(name) || "audio".equals(name);
    }

    /** The document as text (for cache keys and logs). */
    @NonNull
    public static String serialize(@NonNull final Document doc) {
        try {
            final Transformer t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            final StringWriter out = new StringWriter();
            t.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot serialize SSML", e);
        }
    }

    private static Node intoSsmlNamespace(final Document doc, final Node node) {
        Node renamed = node;
        if (node.getNodeType() == Node.ELEMENT_NODE && node.getNamespaceURI() == null) {
            renamed = doc.renameNode(node, NAMESPACE, node.getNodeName());
        }
        final NodeList children = renamed.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            intoSsmlNamespace(doc, children.item(i));
        }
        return renamed;
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        final DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        return f;
    }
}
