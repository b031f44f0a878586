package dev.personaltracker.calendar.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;

/**
 * The pages' jte templates ({@code src/main/jte}), compiled to Java when the module is built. jte escapes every
 * {@code ${...}} for its place in the HTML (element text, attribute value), so text from calendars, feeds, paths and
 * forms is never markup.
 */
final class Templates {

    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(null, ContentType.Html, null,
            Templates.class.getPackageName());

    private Templates() {
    }

    /**
     * Renders a template.
     *
     * @param name  the template file, e.g. {@code plan.jte}, not null
     * @param model  its one parameter, not null
     * @return the HTML, not null
     */
    static String render(String name, Object model) {
        StringOutput out = new StringOutput();
        ENGINE.render(name, model, out);
        return out.toString();
    }

    /**
     * Answers with a rendered page.
     *
     * @param ctx  the request, not null
     * @param status  the status code
     * @param name  the template, not null
     * @param model  its parameter, not null
     */
    static void page(Context ctx, int status, String name, Object model) {
        ctx.status(status).contentType("text/html; charset=utf-8").result(render(name, model));
    }
}
