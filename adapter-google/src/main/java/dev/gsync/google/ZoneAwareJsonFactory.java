package dev.gsync.google;

import com.google.api.client.json.JsonFactory;
import com.google.api.client.json.JsonGenerator;
import com.google.api.client.json.JsonParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The Google clients' JSON factory with one change on the way in: offset-less dateTime values are read in their
 * own timeZone ({@link OffsetlessDateTimes}) instead of as UTC. Writing is left to the wrapped factory.
 */
final class ZoneAwareJsonFactory extends JsonFactory {
    private final JsonFactory delegate;

    private ZoneAwareJsonFactory(JsonFactory delegate) { this.delegate = delegate; }

    static JsonFactory around(JsonFactory json) {
        return json instanceof ZoneAwareJsonFactory ? json : new ZoneAwareJsonFactory(json);
    }

    @Override
    public JsonParser createJsonParser(InputStream in) throws IOException {
        return createJsonParser(in, StandardCharsets.UTF_8);
    }

    @Override
    public JsonParser createJsonParser(InputStream in, Charset charset) throws IOException {
        return delegate.createJsonParser(OffsetlessDateTimes.withOffsets(new String(in.readAllBytes(), charset == null ? StandardCharsets.UTF_8 : charset)));
    }

    @Override
    public JsonParser createJsonParser(String value) throws IOException {
        return delegate.createJsonParser(OffsetlessDateTimes.withOffsets(value));
    }

    @Override
    public JsonParser createJsonParser(Reader reader) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        for (int n; (n = reader.read(buffer)) > 0; ) text.append(buffer, 0, n);
        return createJsonParser(text.toString());
    }

    @Override
    public JsonGenerator createJsonGenerator(OutputStream out, Charset enc) throws IOException {
        return delegate.createJsonGenerator(out, enc);
    }

    @Override
    public JsonGenerator createJsonGenerator(java.io.Writer writer) throws IOException {
        return delegate.createJsonGenerator(writer);
    }
}
