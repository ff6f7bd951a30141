package dev.stepsolver.lambda.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The jib-maven-plugin configuration of solver-lambda's pom.xml, with the pom's properties (its
 * own, its parent's, and Maven's {@code project.build.*} defaults) substituted.
 *
 * @param baseImage        {@code <from><image>}
 * @param entrypoint       {@code <container><entrypoint>}
 * @param args             {@code <container><args>} (the image's CMD)
 * @param environment      {@code <container><environment>}
 * @param workingDirectory {@code <container><workingDirectory>}
 * @param extraDirectories {@code from} (relative to the module) to {@code into}
 * @param javaRelease      {@code maven.compiler.release}
 */
record JibConfiguration(String baseImage, Optional<String> entrypoint, List<String> args, Map<String, String> environment,
                        String workingDirectory, Map<String, String> extraDirectories, int javaRelease) {

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    static JibConfiguration read(Path modulePom, Path parentPom) throws IOException {
        Document module = parse(modulePom);
        Map<String, String> properties = new HashMap<>();
        properties.putAll(properties(parse(parentPom)));
        properties.putAll(properties(module));
        // Maven's defaults, relative to the module directory
        properties.putIfAbsent("project.build.directory", "target");
        properties.putIfAbsent("project.build.outputDirectory", "target/classes");
        properties.put("project.basedir", ".");

        Element plugin = jibPlugin(module);
        Element configuration = child(plugin, "configuration").orElseThrow(() -> new IOException("no Jib configuration"));
        Element container = child(configuration, "container").orElseThrow(() -> new IOException("no <container>"));
        String baseImage = resolve(text(child(configuration, "from").flatMap(f -> child(f, "image"))), properties);
        Optional<String> entrypoint = child(container, "entrypoint").map(e -> resolve(e.getTextContent().strip(), properties));
        List<String> args = new ArrayList<>();
        child(container, "args").ifPresent(a -> children(a).forEach(arg -> args.add(resolve(arg.getTextContent().strip(), properties))));
        Map<String, String> environment = new LinkedHashMap<>();
        child(container, "environment").ifPresent(env -> children(env).forEach(
                e -> environment.put(e.getTagName(), resolve(e.getTextContent().strip(), properties))));
        String workingDirectory = resolve(text(child(container, "workingDirectory")), properties);
        Map<String, String> extra = new LinkedHashMap<>();
        child(configuration, "extraDirectories").flatMap(e -> child(e, "paths")).ifPresent(paths -> children(paths)
                .forEach(p -> extra.put(resolve(text(child(p, "from")), properties), resolve(text(child(p, "into")), properties))));
        int release = Integer.parseInt(resolve("${maven.compiler.release}", properties));
        return new JibConfiguration(baseImage, entrypoint, List.copyOf(args), Map.copyOf(environment), workingDirectory,
                Map.copyOf(extra), release);
    }

    private static Element jibPlugin(Document pom) throws IOException {
        Element build = child(pom.getDocumentElement(), "build").orElseThrow(() -> new IOException("no <build>"));
        Element plugins = child(build, "plugins").orElseThrow(() -> new IOException("no <plugins>"));
        for (Element plugin : children(plugins)) {
            if (text(child(plugin, "artifactId")).equals("jib-maven-plugin")) {
                return plugin;
            }
        }
        throw new IOException("no jib-maven-plugin in " + pom.getDocumentURI());
    }

    private static Map<String, String> properties(Document pom) {
        Map<String, String> properties = new HashMap<>();
        child(pom.getDocumentElement(), "properties").ifPresent(
                p -> children(p).forEach(e -> properties.put(e.getTagName(), e.getTextContent().strip())));
        return properties;
    }

    /** Substitutes properties until none is left (they may refer to each other). */
    private static String resolve(String value, Map<String, String> properties) {
        String current = value;
        for (int round = 0; round < 10 && current.contains("${"); round++) {
            Matcher m = PROPERTY.matcher(current);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String replacement = properties.get(m.group(1));
                if (replacement == null) {
                    throw new IllegalStateException("unknown property ${" + m.group(1) + "} in " + value);
                }
                m.appendReplacement(out, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(out);
            current = out.toString();
        }
        return current;
    }

    private static Document parse(Path pom) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(pom.toFile());
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("cannot read " + pom, e);
        }
    }

    private static Optional<Element> child(Element parent, String name) {
        return children(parent).stream().filter(e -> e.getTagName().equals(name)).findFirst();
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Optional<Element> element) {
        return element.map(e -> e.getTextContent().strip()).orElse("");
    }
}
