package dev.vertxcrawler;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package dependency rules of src/main: the packages under {@code dev.vertxcrawler} form no cycle, and the
 * two at the bottom stay there — {@code net} (address arithmetic) uses nothing of ours, {@code config} (the
 * validated settings and their value types) nothing but {@code net}, so every other package may read config.
 *
 * <p>Known exceptions: none. The one cycle there was, config ⇄ fetch (config reached fetch.ProxyRoute and
 * fetch.RequestHeaders, and parse.Extraction to check the extract rules), ended when those value types moved
 * to config. A cycle that must be tolerated for a while goes in here as an explicit
 * {@code .ignoreDependency(from, to)} on {@link #noPackageCycles}, with the issue that will remove it.
 */
@AnalyzeClasses(packages = "dev.vertxcrawler", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  private static final String OURS = "dev.vertxcrawler..";

  @ArchTest
  static final ArchRule noPackageCycles = slices().matching("dev.vertxcrawler.(*)..")
      .should().beFreeOfCycles()
      .because("a package cycle makes both packages one: neither can be read, tested or changed alone");

  @ArchTest
  static final ArchRule configDependsOnNothingOfOursButNet = noClasses()
      .that().resideInAPackage("dev.vertxcrawler.config..")
      .should().dependOnClassesThat(resideInAPackage(OURS)
          .and(not(resideInAnyPackage("dev.vertxcrawler.config..", "dev.vertxcrawler.net.."))))
      .because("every package reads the config: config reaching back into one of them is a cycle");

  @ArchTest
  static final ArchRule netDependsOnNothingOfOurs = noClasses()
      .that().resideInAPackage("dev.vertxcrawler.net..")
      .should().dependOnClassesThat(resideInAPackage(OURS).and(not(resideInAPackage("dev.vertxcrawler.net.."))))
      .because("net is plain address arithmetic, shared by config, fetch and frontier");
}
