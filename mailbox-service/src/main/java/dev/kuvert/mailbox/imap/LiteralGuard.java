package dev.kuvert.mailbox.imap;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.imap.decode.ImapDecoder;
import org.apache.james.imapserver.netty.ImapRequestFrameDecoder;
import org.apache.james.imapserver.netty.NettyConstants;

/**
 * James's request decoder, refusing a literal larger than the limit before James answers it with a
 * continuation: James sends {@code + Ok} first and only then checks the size (parsing it as an int),
 * so a client announcing {@code {2147483648}} would be invited to send it. A synchronizing literal
 * is answered {@code NO [TOOBIG]} and the command dropped; a non-synchronizing one (LITERAL+) is
 * answered {@code BAD} and the connection closed, since its bytes are already on the way (RFC 7888 §4).
 * Only whole command lines are checked: while James's line framer is in the pipeline, each buffer
 * reaching the decoder is one line.
 */
final class LiteralGuard extends ImapRequestFrameDecoder {
    private static final Pattern ANNOUNCED = Pattern.compile("^(\\S+) .*\\{(\\d+)(\\+?)}\\r?\\n$", Pattern.DOTALL);
    private final long maxLiteral;

    LiteralGuard(ImapDecoder decoder, int inMemorySizeLimit, long maxLiteral, int maxLine) {
        super(decoder, inMemorySizeLimit, Math.toIntExact(maxLiteral), maxLine);
        this.maxLiteral = maxLiteral;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (ctx.pipeline().get(NettyConstants.FRAMER) != null && refused(ctx, in)) {
            in.skipBytes(in.readableBytes());
            return;
        }
        super.decode(ctx, in, out);
    }

    private boolean refused(ChannelHandlerContext ctx, ByteBuf line) {
        int length = line.readableBytes();
        if (length < 4 || line.getByte(line.writerIndex() - 1) != '\n') {
            return false;
        }
        Matcher matcher = ANNOUNCED.matcher(line.toString(line.readerIndex(), length, StandardCharsets.US_ASCII));
        if (!matcher.matches()) {
            return false;
        }
        String digits = matcher.group(2);
        if (digits.length() <= 18 && Long.parseLong(digits) <= maxLiteral) {
            return false;
        }
        String tag = matcher.group(1);
        if (matcher.group(3).isEmpty()) {
            ctx.writeAndFlush(Unpooled.copiedBuffer(tag + " NO [TOOBIG] Literals are limited to " + maxLiteral + " octets.\r\n",
                    StandardCharsets.US_ASCII));
        } else {
            ctx.writeAndFlush(Unpooled.copiedBuffer(tag + " BAD Literals are limited to " + maxLiteral + " octets.\r\n",
                    StandardCharsets.US_ASCII)).addListener(ChannelFutureListener.CLOSE);
        }
        return true;
    }
}
