/**
 * LangChain4j models backed by Rill: {@link dev.rill.langchain4j.RillStreamingChatModel} and
 * {@link dev.rill.langchain4j.RillChatModel}. Mapping code lives in {@code dev.rill.langchain4j.internal}.
 */
package dev.rill.langchain4j;
