package dev.stepsolver.emulator.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** Writes an XML document with the JDK's StAX writer (which escapes text and attributes). */
public final class XmlDocument implements AutoCloseable {

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    private final XMLStreamWriter writer;

    private XmlDocument() {
        try {
            writer = FACTORY.createXMLStreamWriter(out, "UTF-8");
            writer.writeStartDocument("UTF-8", "1.0");
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    public static XmlDocument create() {
        return new XmlDocument();
    }

    public XmlDocument start(String name) {
        try {
            writer.writeStartElement(name);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** Starts the root element with a default namespace. */
    public XmlDocument startRoot(String name, String namespace) {
        try {
            writer.writeStartElement(name);
            if (namespace != null && !namespace.isEmpty()) {
                writer.writeDefaultNamespace(namespace);
            }
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public XmlDocument end() {
        try {
            writer.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public XmlDocument text(String text) {
        try {
            writer.writeCharacters(text);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** {@code <name>text</name>}. */
    public XmlDocument element(String name, String text) {
        return start(name).text(text).end();
    }

    public byte[] toBytes() {
        try {
            writer.writeEndDocument();
            writer.flush();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    public String toXmlString() {
        return new String(toBytes(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }
}
