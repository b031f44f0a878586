package dev.personaltracker.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void esc_replacesEveryCharacterThatCanOpenMarkupOrLeaveAnAttribute() {
        assertThat(Html.esc("<a href=\"x\" onclick='y'>&amp;</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;");
    }

    @Test
    void esc_keepsOrdinaryTextAndUnicode() {
        assertThat(Html.esc("Linear algebra – Übung 10:00\tok\n")).isEqualTo("Linear algebra – Übung 10:00\tok\n");
    }

    @Test
    void esc_replacesControlCharacters() {
        assertThat(Html.esc("a\u0000b\u001bc")).isEqualTo("a\uFFFDb\uFFFDc");
    }

    @Test
    void page_escapesTitleAndFlash_andMarksTheActiveEntry() {
        String page = Html.page("<T>", "/plan", Html.Flash.error("bad <b>\nsecond"), "<p>body</p>");

        assertThat(page).contains("<title>&lt;T&gt; · Personal Tracker</title>").contains("<h1>&lt;T&gt;</h1>")
                .contains("<div class=\"flash error\" id=\"flash\" role=\"status\"><div>bad &lt;b&gt;</div><div>second</div>")
                .contains("<a href=\"/plan\" class=\"active\" id=\"nav-plan\">").contains("<p>body</p>");
    }

    @Test
    void postButton_carriesTheTokenAndEscapesEveryValue() {
        String form = Html.postButton("/x", "tok\"en", new String[][] {{"k", "<v>"}}, "Go & see", "id\"1");

        assertThat(form).isEqualTo("<form method=\"post\" class=\"inline\" action=\"/x\"><input type=\"hidden\" "
                + "name=\"csrf\" value=\"tok&quot;en\"><input type=\"hidden\" name=\"k\" value=\"&lt;v&gt;\">"
                + "<button type=\"submit\" id=\"id&quot;1\">Go &amp; see</button></form>");
    }
}
